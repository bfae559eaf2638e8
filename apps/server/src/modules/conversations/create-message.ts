import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { CreateMessageInput, Message } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import * as repo from './conversations.repo.js';
import { slaUpdate } from './sla-update.js';
import { presentMessage } from './conversations.presenters.js';
import { channelDriver } from '../channels/channel-driver.js';
import { getChannelRow } from '../channels/channels.js';
import { touchCustomerContact } from '../customers/touch-customer-contact.js';

/** The job that sends an outbound message (conversations.jobs.ts). */
export const deliverMessageJobName = 'conversations.deliver_message';

/** Queues an outbound message's delivery in the caller's transaction (the outbox): sent once that commits. */
export async function queueDelivery(db: Executor, workspaceId: string, messageId: string): Promise<void> {
  await enqueueJob(db, {
    name: deliverMessageJobName,
    workspaceId,
    payload: { workspaceId, messageId },
    idempotencyKey: `${deliverMessageJobName}:${messageId}`,
    maxAttempts: 8,
  });
}

/**
 * Adds an agent's reply or internal note to a conversation. A reply is
 * written with its delivery job in one transaction (the outbox: it is sent
 * once it commits, and retried until sent); it stops the first-response clock
 * and moves an open conversation to pending (waiting on the customer). A reply
 * sent as it commits (a chat's) is the customer's last contact; one sent by the
 * delivery job becomes it once sent. A note is never sent; the colleagues it
 * mentions must be members. Throws not_found and not_a_member.
 */
export async function createMessage(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  input: CreateMessageInput,
): Promise<Message> {
  const { message, reachedCustomerId } = await db.transaction().execute(async (trx) => {
    const conversation = await repo.lockConversation(trx, context.workspaceId, conversationId);
    if (!conversation) throw new AppError('not_found', 'No such conversation in this workspace.');
    const mentions = [...new Set(input.kind === 'note' ? input.mentions : [])];
    for (const userId of mentions)
      if (!(await repo.isMember(trx, context.workspaceId, userId)))
        throw new AppError('not_a_member', 'A mentioned person is not a member of this workspace.', { userId });
    const now = new Date();
    const isReply = input.kind === 'reply';
    const driver = channelDriver((await getChannelRow(trx, context.workspaceId, conversation.channel_id)).kind);
    if (isReply && !driver.canReply)
      throw new AppError('channel_cannot_reply', 'This conversation’s channel takes no replies (a phone channel): add a note.');
    const deliveredNow = isReply && (await driver.deliversOnCommit?.(trx, conversation)) === true;
    const row = await trx
      .insertInto('messages')
      .values({
        workspace_id: context.workspaceId,
        id: newId(),
        conversation_id: conversation.id,
        direction: isReply ? 'outbound' : 'note',
        author_user_id: context.actor.type === 'user' ? context.actor.id : null,
        body_text: input.body,
        mentions,
        delivery_status: isReply ? (deliveredNow ? 'sent' : 'queued') : 'none',
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (isReply) {
      if (!deliveredNow) await queueDelivery(trx, context.workspaceId, row.id);
      const clocks = await slaUpdate(trx, conversation, 'agent_replied', now);
      await trx
        .updateTable('conversations')
        .set({
          ...clocks,
          last_message_at: now,
          updated_at: now,
          first_response_at: conversation.first_response_at ?? now,
          ...(conversation.status === 'open' ? { status: 'pending' as const } : {}),
        })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', conversation.id)
        .execute();
    }
    await recordEvent(trx, context, {
      name: isReply ? 'message.created' : 'note.created',
      subjectType: 'conversation',
      subjectId: conversation.id,
      data: { messageId: row.id, ...(mentions.length ? { mentions } : {}) },
    });
    if (deliveredNow)
      await recordEvent(trx, context, {
        name: 'message.sent',
        subjectType: 'conversation',
        subjectId: conversation.id,
        data: { messageId: row.id },
      });
    return { message: presentMessage(row, []), reachedCustomerId: deliveredNow ? conversation.customer_id : null };
  });
  // A reply delivered on commit (a chat's) reached the customer. After the commit, so that the customer is not
  // locked while the conversation is (merges and erasures lock the customer first); a delivery job's reply
  // counts once it is sent.
  if (reachedCustomerId)
    await touchCustomerContact(db, context, { customerId: reachedCustomerId, at: new Date(message.createdAt) });
  return message;
}
