import type { CallRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { isAfter, type Position } from '../../platform/pagination.js';

/** SQL for calls. Every function is scoped by workspace id. */

export type NewCallRow = Omit<CallRow, 'created_at' | 'updated_at' | 'notes_version'>;

/** A call with what its presentation needs: the conversation's number, the customer's name parts, the agent's name. */
export type CallDetailRow = CallRow & {
  conversation_number: string;
  given_name: string | null;
  family_name: string | null;
  middle_name: string | null;
  name_order: string | null;
  customer_language: string | null;
  customer_country: string | null;
  customer_company: string | null;
  agent_name: string | null;
};

export async function insertCall(db: Executor, row: NewCallRow): Promise<CallRow> {
  return db.insertInto('calls').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The call, locked until the transaction ends (saves of one call queue behind each other). */
export async function lockCall(db: Executor, workspaceId: string, id: string): Promise<CallRow | undefined> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findCallByExternalId(db: Executor, workspaceId: string, externalId: string) {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function updateCallRow(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<CallRow, 'workspace_id' | 'id' | 'notes_version'>> & { notes_version?: number },
): Promise<CallRow> {
  return db
    .updateTable('calls')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function selectDetails(db: Executor, workspaceId: string) {
  return db
    .selectFrom('calls as k')
    .innerJoin('conversations as c', (j) =>
      j.onRef('c.workspace_id', '=', 'k.workspace_id').onRef('c.id', '=', 'k.conversation_id'),
    )
    .leftJoin('customers as cu', (j) => j.onRef('cu.workspace_id', '=', 'k.workspace_id').onRef('cu.id', '=', 'k.customer_id'))
    .leftJoin('users as u', 'u.id', 'k.agent_user_id')
    .selectAll('k')
    .select([
      'c.number as conversation_number',
      'cu.given_name',
      'cu.family_name',
      'cu.middle_name',
      'cu.name_order',
      'cu.language as customer_language',
      'cu.country as customer_country',
      'cu.company as customer_company',
      'u.name as agent_name',
    ])
    .where('k.workspace_id', '=', workspaceId);
}

export async function findCallDetails(db: Executor, workspaceId: string, id: string): Promise<CallDetailRow | undefined> {
  return selectDetails(db, workspaceId).where('k.id', '=', id).executeTakeFirst();
}

/** Calls of a customer and/or conversation, newest first, paged by (started_at, id); one row more than `limit`. */
export async function listCallDetails(
  db: Executor,
  workspaceId: string,
  filter: { customerId?: string | undefined; conversationId?: string | undefined },
  limit: number,
  after?: Position,
): Promise<CallDetailRow[]> {
  let query = selectDetails(db, workspaceId);
  if (filter.customerId) query = query.where('k.customer_id', '=', filter.customerId);
  if (filter.conversationId) query = query.where('k.conversation_id', '=', filter.conversationId);
  if (after) query = query.where(isAfter(after, 'desc', ['k.started_at', 'k.id']));
  return query
    .orderBy('k.started_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit + 1)
    .execute();
}
