import type { Kysely } from 'kysely';
import type { CustomerRow, DB } from '@rapport/db';
import { similarNameThreshold, type DuplicatePage, type DuplicatePair, type DuplicateReason } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor, type Position } from '../../platform/pagination.js';
import { presentCustomerSummary } from './customers.presenters.js';
import * as repo from './customers.repo.js';
import * as duplicatesRepo from './duplicates.repo.js';
import { getCustomerRow } from './merge-customers.js';

/** Customers checked per query of the workspace-wide list. */
const batchSize = 250;
/** At most this many customers are checked for one page... */
const maxCheckedPerPage = 2000;
/** ...and no new batch starts after this long: a page's time stays bounded on any workspace and engine. */
const pageBudgetMs = 800;
/** Likely duplicates of one customer (its profile's notice). */
const perCustomerLimit = 20;

const reasonOrder: DuplicateReason[] = ['same_email', 'same_phone', 'same_name', 'similar_name'];

interface Match {
  customerId: string;
  row: duplicatesRepo.MatchRow;
}

/**
 * A page of likely duplicates in the workspace. Customers are checked newest
 * first, each against the customers created before it (so each pair comes
 * once, from its newer record): the same mailbox or phone number, the same
 * name words, or a similar name (trigram similarity at least 0.6) with the
 * same company or country. Pairs marked "not the same person" are left out.
 * A page checks up to 2,000 customers with a few index probes each and stops
 * early after `limit` pairs or 0.8 s, so its cost does not grow with the
 * workspace; `nextCursor` continues with older customers. Throws
 * validation_failed (invalid_cursor) for a cursor this server did not make.
 */
export async function listDuplicates(
  db: Kysely<DB>,
  context: WorkspaceContext,
  query: { cursor?: string | undefined; limit: number },
): Promise<DuplicatePage> {
  const started = performance.now();
  let after = decodeCursor(query.cursor);
  const matches: Match[] = [];
  let checked = 0;
  let isFinished = false;
  for (;;) {
    const rows = await duplicatesRepo.probeNewestCustomers(db, context.workspaceId, after, batchSize, similarNameThreshold);
    const customers = groupByCustomer(rows);
    let isFull = false;
    for (const customer of customers) {
      matches.push(...customer.matches.map((row) => ({ customerId: customer.position.id, row })));
      after = customer.position;
      checked++;
      // The customer's pairs all stay on this page, so the next one starts with a whole customer.
      if (matches.length >= query.limit) {
        isFull = true;
        break;
      }
    }
    if (!isFull && customers.length < batchSize) isFinished = true;
    if (isFull || isFinished || checked >= maxCheckedPerPage || performance.now() - started >= pageBudgetMs) break;
  }
  return {
    items: await present(db, context.workspaceId, matches),
    nextCursor: isFinished || !after ? null : encodeCursor(after),
    checkedThrough: checked > 0 && after ? after.createdAt.toISOString() : null,
  };
}

function groupByCustomer(rows: duplicatesRepo.ProbedRow[]) {
  const customers: { position: Position; matches: duplicatesRepo.MatchRow[] }[] = [];
  for (const row of rows) {
    let current = customers.at(-1);
    if (current?.position.id !== row.customer_id) {
      current = { position: { createdAt: row.created_at, id: row.customer_id }, matches: [] };
      customers.push(current);
    }
    if (row.duplicate_id !== null && row.reason !== null && row.score !== null) {
      current.matches.push({ ...row, duplicate_id: row.duplicate_id, reason: row.reason, score: row.score });
    }
  }
  return customers;
}

/**
 * Customers who may be the same person as this one, older or newer (at most
 * 20, strongest reason first): the same mailbox or phone number, the same
 * name words, or a similar name with the same company or country; pairs
 * marked "not the same person" left out. Throws not_found.
 */
export async function findDuplicatesOf(db: Kysely<DB>, context: WorkspaceContext, givenId: string): Promise<DuplicatePair[]> {
  const customer = await getCustomerRow(db, context.workspaceId, givenId);
  const customerId = customer.id;
  const rows = await duplicatesRepo.probeCustomer(db, context.workspaceId, customer, similarNameThreshold, perCustomerLimit);
  // One entry per other customer: its strongest reason.
  const strongest = new Map<string, duplicatesRepo.MatchRow>();
  for (const row of rows) {
    const known = strongest.get(row.duplicate_id);
    if (!known || reasonOrder.indexOf(row.reason) < reasonOrder.indexOf(known.reason)) strongest.set(row.duplicate_id, row);
  }
  const pairs = await present(
    db,
    context.workspaceId,
    [...strongest.values()].map((row) => ({ customerId, row })),
  );
  return pairs
    .sort(
      (a, b) =>
        reasonOrder.indexOf(a.reason) - reasonOrder.indexOf(b.reason) ||
        b.score - a.score ||
        a.duplicate.createdAt.localeCompare(b.duplicate.createdAt),
    )
    .slice(0, perCustomerLimit);
}

async function present(db: Kysely<DB>, workspaceId: string, matches: Match[]): Promise<DuplicatePair[]> {
  const ids = [...new Set(matches.flatMap((m) => [m.customerId, m.row.duplicate_id]))];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  const identities = await repo.listIdentities(db, workspaceId, ids);
  const byId = new Map<string, CustomerRow>(rows.map((r) => [r.id, r]));
  const summary = (id: string) =>
    presentCustomerSummary(
      byId.get(id)!,
      identities.filter((i) => i.customer_id === id),
    );
  return matches
    .filter((m) => byId.has(m.customerId) && byId.has(m.row.duplicate_id))
    .map(({ customerId, row }) => ({
      customer: summary(customerId),
      duplicate: summary(row.duplicate_id),
      reason: row.reason,
      score: Math.round(row.score * 100) / 100,
      contact:
        row.customer_kind && row.customer_value !== null && row.duplicate_kind && row.duplicate_value !== null
          ? {
              customer: { kind: row.customer_kind, value: row.customer_value },
              duplicate: { kind: row.duplicate_kind, value: row.duplicate_value },
            }
          : null,
    }));
}
