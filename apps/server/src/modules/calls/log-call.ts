import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Call, CreateCallInput } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { fileCall } from './file-call.js';
import { getCall } from './list-calls.js';

/**
 * Logs a call an agent is making or taking (see fileCall for how the customer
 * and conversation are found). The caller is its agent. Throws not_found and
 * validation_failed.
 */
export async function logCall(db: Kysely<DB>, context: WorkspaceContext, input: CreateCallInput): Promise<Call> {
  const id = await fileCall(db, context, {
    direction: input.direction,
    phoneNumber: input.phoneNumber,
    startedAt: input.startedAt ? new Date(input.startedAt) : new Date(),
    notes: input.notes,
    customerId: input.customerId,
    conversationId: input.conversationId,
    agentUserId: context.actor.type === 'user' ? context.actor.id : null,
  });
  return getCall(db, context, id);
}
