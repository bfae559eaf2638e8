import { sql, type Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Conversation, ConversationListQuery, Message } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { languageFilter } from '../customers/customers.repo.js';
import { resolveCustomerId } from '../customers/merge-customers.js';
import { customerOf, presentConversation, presentMessage } from './conversations.presenters.js';
import * as repo from './conversations.repo.js';

/** The inbox order: due time, nothing due last. The indexes hold this very expression (migration 202611251200). */
const sortDue = sql<Date>`coalesce(c.due_at, '9999-12-31 00:00:00+00'::timestamptz)`;

/**
 * The inbox: conversations of a view (mine, unassigned, all) and status,
 * optionally of a team, channel, language or customer (a merged-away id gives
 * the kept customer's), soonest due first (nothing due last), paged by cursor.
 */
export async function listConversations(
  db: Kysely<DB>,
  context: WorkspaceContext,
  query: ConversationListQuery,
): Promise<{ items: Conversation[]; nextCursor: string | null }> {
  if (query.view === 'mine' && context.actor.type !== 'user')
    throw new AppError('forbidden', 'Only a signed-in person has conversations of their own.');
  const statuses = query.status === 'active' ? ['open', 'pending', 'snoozed'] : [query.status];
  let select = db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', (j) => j.onRef('ch.workspace_id', '=', 'c.workspace_id').onRef('ch.id', '=', 'c.channel_id'))
    .innerJoin('customers as cu', (j) => j.onRef('cu.workspace_id', '=', 'c.workspace_id').onRef('cu.id', '=', 'c.customer_id'))
    .selectAll('c')
    .select([
      'ch.kind as channel_kind',
      'ch.name as channel_name',
      'cu.given_name',
      'cu.family_name',
      'cu.middle_name',
      'cu.name_order',
      'cu.language as customer_language',
      'cu.country as customer_country',
      'cu.company as customer_company',
      sortDue.as('sort_due'),
    ])
    .where('c.workspace_id', '=', context.workspaceId)
    .where('c.status', 'in', statuses as Conversation['status'][]);
  if (query.view === 'mine') select = select.where('c.assignee_id', '=', context.actor.id);
  if (query.view === 'unassigned') select = select.where('c.assignee_id', 'is', null);
  if (query.teamId) select = select.where('c.team_id', '=', query.teamId);
  if (query.channelId) select = select.where('c.channel_id', '=', query.channelId);
  if (query.customerId)
    select = select.where('c.customer_id', '=', await resolveCustomerId(db, context.workspaceId, query.customerId));
  if (query.language) select = select.where(languageFilter(query.language, 'c.language'));
  const after = decodeCursor(query.cursor);
  if (after) select = select.where(sql<boolean>`(${sortDue}, c.id) > (${after.createdAt}, ${after.id})`);
  const rows = await select
    .orderBy(sortDue)
    .orderBy('c.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      presentConversation(r, { id: r.channel_id, kind: r.channel_kind, name: r.channel_name }, customerOf(r)),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.sort_due, id: last.id }) : null,
  };
}

/** One conversation; throws not_found. */
export async function getConversation(db: Kysely<DB>, context: WorkspaceContext, conversationId: string): Promise<Conversation> {
  const row = await repo.findConversation(db, context.workspaceId, conversationId);
  if (!row) throw new AppError('not_found', 'No such conversation in this workspace.');
  const channel = await db
    .selectFrom('channels')
    .select(['id', 'kind', 'name'])
    .where('workspace_id', '=', context.workspaceId)
    .where('id', '=', row.channel_id)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .select(['id as customer_id', 'given_name', 'family_name', 'middle_name', 'name_order'])
    .select(['language as customer_language', 'country as customer_country', 'company as customer_company'])
    .where('workspace_id', '=', context.workspaceId)
    .where('id', '=', row.customer_id)
    .executeTakeFirstOrThrow();
  return presentConversation(row, channel, customerOf(customer));
}

/** A conversation's messages with their attachments, oldest first, paged. Throws not_found. */
export async function listMessages(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const conversation = await repo.findConversation(db, context.workspaceId, conversationId);
  if (!conversation) throw new AppError('not_found', 'No such conversation in this workspace.');
  const rows = await repo.listMessageRows(db, context.workspaceId, conversationId, query.limit, decodeCursor(query.cursor));
  const page = rows.slice(0, query.limit);
  const attachments = await repo.listAttachmentRows(
    db,
    context.workspaceId,
    page.map((m) => m.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((m) =>
      presentMessage(
        m,
        attachments.filter((a) => a.message_id === m.id),
      ),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
