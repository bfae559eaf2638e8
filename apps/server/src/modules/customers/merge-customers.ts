import { sql, type Kysely } from 'kysely';
import type { CustomerRow, DB } from '@rapport/db';
import type { Customer } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { cleanTags, inferTimeZone, searchFieldsOf } from './customer-profile.js';
import { presentCustomer } from './customers.presenters.js';
import * as repo from './customers.repo.js';

/** The id a customer now has: itself, or the customer it was merged into (merges can chain). */
export async function resolveCustomerId(db: Executor, workspaceId: string, customerId: string): Promise<string> {
  let id = customerId;
  for (let hops = 0; hops < 10; hops++) {
    const merge = await db
      .selectFrom('customer_merges')
      .select('target_id')
      .where('workspace_id', '=', workspaceId)
      .where('source_id', '=', id)
      .executeTakeFirst();
    if (!merge) return id;
    id = merge.target_id;
  }
  return id;
}

/**
 * The row of a customer, or of the customer it was merged into: an id merged
 * away stays an alias of the kept customer everywhere (reads and writes).
 * `lock` locks the row for the caller's transaction. One primary-key lookup
 * when the id is current. Throws not_found when neither exists.
 */
export async function getCustomerRow(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { lock?: boolean } = {},
): Promise<CustomerRow> {
  let row = await repo.findCustomer(db, workspaceId, customerId, options.lock);
  if (!row) {
    const currentId = await resolveCustomerId(db, workspaceId, customerId);
    if (currentId !== customerId) row = await repo.findCustomer(db, workspaceId, currentId, options.lock);
  }
  if (!row) throw new AppError('not_found', 'No such customer in this workspace.');
  return row;
}

/** Moves what another module keeps of a customer (conversations, chat visitors, calls) from `sourceId` to `targetId`. */
export type MergeHandler = (trx: Executor, workspaceId: string, targetId: string, sourceId: string) => Promise<void>;
const mergeHandlers: MergeHandler[] = [];

/** Lets a module move its rows when two customers are merged, in the merge's transaction, before the source goes. */
export function registerMergeHandler(handler: MergeHandler): void {
  mergeHandlers.push(handler);
}

/** The merge handler of a module's table that names customers in `customer_id`: its rows move to the kept customer. */
export function moveCustomerRows(table: string): MergeHandler {
  return async (trx, workspaceId, targetId, sourceId) => {
    await sql`UPDATE ${sql.table(table)} SET customer_id = ${targetId} WHERE workspace_id = ${workspaceId} AND customer_id = ${sourceId}`.execute(
      trx,
    );
  };
}

const fillable = ['given_name', 'family_name', 'middle_name', 'name_order', 'title', 'language', 'country', 'company'] as const;

/**
 * Merges `mergedId` into `keptId`: every identity, note, fact and
 * timeline entry moves to the kept customer; empty profile fields are filled
 * from the other; tags and attributes are combined (the kept customer's values
 * win); first seen is the earlier and last contacted the later of the two.
 * The other id keeps leading to the kept customer. Ids merged away earlier
 * stand for the customers they lead to. Records `customer.merged` (who and
 * when). Throws validation_failed (same_customer: both ids are one customer
 * already) and not_found.
 */
export async function mergeCustomers(
  db: Kysely<DB>,
  context: WorkspaceContext,
  keptId: string,
  mergedId: string,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const customerId = await resolveCustomerId(trx, context.workspaceId, keptId);
    const sourceId = await resolveCustomerId(trx, context.workspaceId, mergedId);
    if (customerId === sourceId)
      throw new AppError('validation_failed', 'A customer cannot be merged into itself.', {
        issues: [{ path: ['sourceId'], code: 'same_customer', message: 'the same customer', in: 'body' }],
      });
    // Lock both in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [customerId, sourceId].sort();
    const locked = new Map<string, CustomerRow>();
    for (const id of [first!, second!]) {
      const row = await repo.findCustomer(trx, context.workspaceId, id, true);
      if (!row) throw new AppError('not_found', 'No such customer in this workspace.');
      locked.set(id, row);
    }
    const target = locked.get(customerId)!;
    const source = locked.get(sourceId)!;
    const ws = context.workspaceId;
    for (const table of ['customer_identities', 'customer_notes', 'customer_facts'] as const) {
      await trx
        .updateTable(table)
        .set({ customer_id: customerId })
        .where('workspace_id', '=', ws)
        .where('customer_id', '=', sourceId)
        .execute();
    }
    for (const handler of mergeHandlers) await handler(trx, ws, customerId, sourceId);
    // Earlier merges into the source now lead to the kept customer too.
    await trx
      .updateTable('customer_merges')
      .set({ target_id: customerId })
      .where('workspace_id', '=', ws)
      .where('target_id', '=', sourceId)
      .execute();
    await trx
      .insertInto('customer_merges')
      .values({
        workspace_id: ws,
        source_id: sourceId,
        target_id: customerId,
        merged_by: context.actor.type === 'user' ? context.actor.id : null,
      })
      .execute();

    const filled: Partial<CustomerRow> = {};
    for (const field of fillable) {
      if (target[field] === null && source[field] !== null) Object.assign(filled, { [field]: source[field] });
    }
    const next = { ...target, ...filled, tags: cleanTags([...target.tags, ...source.tags]) ?? [] };
    const identities = await repo.listIdentities(trx, ws, [customerId]);
    const zone = target.time_zone_source === 'explicit' ? {} : inferTimeZone(null, next.country, identities);
    const after = await repo.updateCustomerRow(trx, ws, customerId, {
      ...filled,
      tags: next.tags,
      attributes: { ...source.attributes, ...target.attributes },
      formality: target.formality === 'unknown' ? source.formality : target.formality,
      marketing_consent: target.marketing_consent ?? source.marketing_consent,
      last_contacted_at: latest(target.last_contacted_at, source.last_contacted_at),
      first_seen_at: earliest(target.first_seen_at, source.first_seen_at),
      ...zone,
      ...searchFieldsOf(next, identities),
    });
    await trx.deleteFrom('customers').where('workspace_id', '=', ws).where('id', '=', sourceId).execute();
    await recordEvent(trx, context, {
      name: 'customer.merged',
      subjectType: 'customer',
      subjectId: customerId,
      data: { mergedId: sourceId },
    });
    return presentCustomer(after!, identities);
  });
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
