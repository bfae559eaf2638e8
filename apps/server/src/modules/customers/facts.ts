import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Fact, FactInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { getCustomerRow } from './merge-customers.js';

type FactRow = {
  id: string;
  text: string;
  date: string | null;
  recurs_yearly: boolean;
  created_by: string | null;
  created_at: Date;
};

function presentFact(row: FactRow): Fact {
  return {
    id: row.id,
    text: row.text,
    date: row.date,
    recursYearly: row.recurs_yearly,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Personal details worth remembering, dated ones first by their next occurrence, then newest. Throws not_found. */
export async function listFacts(db: Kysely<DB>, context: WorkspaceContext, givenId: string, today = new Date()): Promise<Fact[]> {
  const customerId = (await getCustomerRow(db, context.workspaceId, givenId)).id;
  const rows = await db
    .selectFrom('customer_facts')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .execute();
  const upcoming = (row: FactRow): number => (row.date ? nextOccurrence(row.date, row.recurs_yearly, today) : Infinity);
  return rows.sort((a, b) => upcoming(a) - upcoming(b)).map(presentFact);
}

/** Days from today to the date's next occurrence (yearly dates come round again; past one-off dates sort last). */
export function nextOccurrence(date: string, recursYearly: boolean, today: Date): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  let at = Date.UTC(year, month - 1, day);
  if (recursYearly) {
    at = Date.UTC(today.getUTCFullYear(), month - 1, day);
    if (at < start) at = Date.UTC(today.getUTCFullYear() + 1, month - 1, day);
  }
  const days = Math.round((at - start) / 86_400_000);
  return days < 0 ? 100_000 - days : days;
}

/** Remembers a personal detail about the customer. Throws not_found. */
export async function createFact(db: Kysely<DB>, context: WorkspaceContext, givenId: string, input: FactInput): Promise<Fact> {
  return db.transaction().execute(async (trx) => {
    const customerId = (await getCustomerRow(trx, context.workspaceId, givenId)).id;
    const row = await trx
      .insertInto('customer_facts')
      .values({
        workspace_id: context.workspaceId,
        id: newId(),
        customer_id: customerId,
        text: input.text,
        date: input.date,
        recurs_yearly: input.recursYearly,
        created_by: context.actor.type === 'user' ? context.actor.id : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, context, {
      name: 'fact.created',
      subjectType: 'customer',
      subjectId: customerId,
      data: { factId: row.id },
    });
    return presentFact(row);
  });
}

/** Forgets a personal detail. Throws not_found (the customer, or the detail on them). */
export async function deleteFact(db: Kysely<DB>, context: WorkspaceContext, givenId: string, factId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const customerId = (await getCustomerRow(trx, context.workspaceId, givenId)).id;
    const deleted = await trx
      .deleteFrom('customer_facts')
      .where('workspace_id', '=', context.workspaceId)
      .where('customer_id', '=', customerId)
      .where('id', '=', factId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw new AppError('not_found', 'No such detail on this customer.');
    await recordEvent(trx, context, { name: 'fact.deleted', subjectType: 'customer', subjectId: customerId, data: { factId } });
  });
}
