import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Call, CallListQuery } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, toPage } from '../../platform/pagination.js';
import { getConversation } from '../conversations/list-conversations.js';
import { resolveCustomerId } from '../customers/merge-customers.js';
import { presentCall } from './calls.presenters.js';
import * as repo from './calls.repo.js';

/** One call; throws not_found (also for another workspace's call). */
export async function getCall(db: Kysely<DB>, context: WorkspaceContext, callId: string): Promise<Call> {
  const row = await repo.findCallDetails(db, context.workspaceId, callId);
  if (!row) throw new AppError('not_found', 'No such call in this workspace.');
  return presentCall(row);
}

/**
 * Calls of the workspace, of a customer (a merged-away id gives the kept
 * customer's) and/or a conversation, newest first, paged by cursor.
 */
export async function listCalls(
  db: Kysely<DB>,
  context: WorkspaceContext,
  query: CallListQuery,
): Promise<{ items: Call[]; nextCursor: string | null }> {
  const customerId = query.customerId && (await resolveCustomerId(db, context.workspaceId, query.customerId));
  const rows = await repo.listCallDetails(
    db,
    context.workspaceId,
    { customerId, conversationId: query.conversationId },
    query.limit,
    decodeCursor(query.cursor),
  );
  return toPage(rows, query.limit, (r) => ({ createdAt: r.started_at, id: r.id }), presentCall);
}

/** A conversation's calls, newest first; throws not_found for an unknown conversation. */
export async function listConversationCalls(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ items: Call[]; nextCursor: string | null }> {
  await getConversation(db, context, conversationId);
  return listCalls(db, context, { ...query, conversationId });
}
