import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { CreateMessageInput, Message } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import type { NewEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import * as repo from './conversations.repo.js';
import { slaUpdate } from './sla-update.js';
import { presentMessage } from './conversations.presenters.js';
import { channelDriver } from '../channels/channel-driver.js';
import { contactCovers, touchCustomerContact } from '../customers/touch-customer-contact.js';

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
 * Takes the files uploaded to the conversation for this message, so that each is sent once:
 * their draft rows go with the message's transaction. Throws unknown_attachment (never uploaded here, another
 * conversation's or workspace's, removed) and attachment_already_sent.
 */
async function takeAttachments(trx: Executor, workspaceId: string, conversationId: string, ids: string[]) {
  const rows = await repo.takeDraftAttachments(trx, workspaceId, conversationId, ids);
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing === undefined) return ids.map((id) => rows.find((row) => row.id === id)!);
  const sent = await repo.findSentAttachment(trx, workspaceId, conversationId, missing);
  if (sent)
    throw new AppError('attachment_already_sent', 'This file was sent with a message already.', {
      attachmentId: missing,
      messageId: sent.message_id,
    });
  throw new AppError('unknown_attachment', 'No file with this id was uploaded to this conversation and left unsent.', {
    attachmentId: missing,
  });
}

/**
 * Adds an agent's reply or internal note to a conversation. A reply is
 * written with its delivery job in one transaction (the outbox: it is sent
 * once it commits, and retried until sent); it stops the first-response clock
 * and moves an open conversation to pending (waiting on the customer). A reply
 * sent as it commits (a chat's) is the customer's last contact; one sent by the
 * delivery job becomes it once sent. A note is never sent; the colleagues it
 * mentions must be members. Files uploaded to the conversation become the
 * message's attachments in the same transaction (a note's stay internal), at
 * most `maxAttachmentBytes` together. Throws not_found, not_a_member,
 * channel_cannot_reply, channel_cannot_send_attachments, unknown_attachment,
 * attachment_already_sent and attachment_too_large.
 */
export async function createMessage(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  input: CreateMessageInput,
  limits: { maxAttachmentBytes: number },
): Promise<Message> {
  const { message, reached } = await db.transaction().execute(async (trx) => {
    const locked = await repo.lockConversationForMessage(trx, context.workspaceId, conversationId);
    if (!locked) throw new AppError('not_found', 'No such conversation in this workspace.');
    const { conversation } = locked;
    const mentions = [...new Set(input.kind === 'note' ? input.mentions : [])];
    for (const userId of mentions)
      if (!(await repo.isMember(trx, context.workspaceId, userId)))
        throw new AppError('not_a_member', 'A mentioned person is not a member of this workspace.', { userId });
    const now = new Date();
    const isReply = input.kind === 'reply';
    const driver = channelDriver(locked.channelKind);
    if (isReply && !driver.canReply)
      throw new AppError('channel_cannot_reply', 'This conversation’s channel takes no replies (a phone channel): add a note.');
    const attachmentIds = [...new Set(input.attachmentIds)];
    if (isReply && attachmentIds.length > 0 && !driver.canSendAttachments)
      throw new AppError(
        'channel_cannot_send_attachments',
        'Replies on this conversation’s channel cannot carry files (the chat widget): attach them to a note.',
      );
    const attachments = await takeAttachments(trx, context.workspaceId, conversation.id, attachmentIds);
    if (attachments.reduce((total, a) => total + Number(a.size), 0) > limits.maxAttachmentBytes)
      throw new AppError('attachment_too_large', 'The files together are larger than an email may be.', {
        maxBytes: limits.maxAttachmentBytes,
      });
    const deliveredNow = isReply && (await driver.deliversOnCommit?.(trx, conversation)) === true;
    const messageId = newId();
    const events: NewEvent[] = [
      {
        name: isReply ? 'message.created' : 'note.created',
        subjectType: 'conversation',
        subjectId: conversation.id,
        data: { messageId, ...(mentions.length ? { mentions } : {}) },
      },
      ...(deliveredNow
        ? [{ name: 'message.sent', subjectType: 'conversation', subjectId: conversation.id, data: { messageId } }]
        : []),
    ];
    // A reply stops the first-response clock and moves an open conversation to pending.
    const conversationChange = isReply
      ? {
          ...(await slaUpdate(trx, conversation, 'agent_replied', now, {}, locked.sla)),
          last_message_at: now,
          updated_at: now,
          first_response_at: conversation.first_response_at ?? now,
          ...(conversation.status === 'open' ? { status: 'pending' as const } : {}),
        }
      : null;
    const row = await repo.insertMessageWithChange(
      trx,
      {
        workspace_id: context.workspaceId,
        id: messageId,
        conversation_id: conversation.id,
        direction: isReply ? 'outbound' : 'note',
        author_user_id: context.actor.type === 'user' ? context.actor.id : null,
        body_text: input.body,
        mentions,
        delivery_status: isReply ? (deliveredNow ? 'sent' : 'queued') : 'none',
        created_at: now,
      },
      conversationChange,
      context,
      events,
    );
    const attachmentRows = attachments.length
      ? await trx
          .insertInto('message_attachments')
          .values(
            attachments.map((attachment) => ({
              workspace_id: context.workspaceId,
              id: attachment.id,
              message_id: row.id,
              file_name: attachment.file_name,
              content_type: attachment.content_type,
              size: attachment.size,
              content_id: null,
              storage_key: attachment.storage_key,
            })),
          )
          .returningAll()
          .execute()
      : [];
    if (isReply && !deliveredNow) await queueDelivery(trx, context.workspaceId, row.id);
    // As the thread lists them: by id (upload order).
    attachmentRows.sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      message: presentMessage(row, attachmentRows),
      reached:
        deliveredNow && locked.customerContact ? { customerId: conversation.customer_id, ...locked.customerContact } : null,
    };
  });
  // A reply delivered on commit (a chat's) reached the customer. After the commit, so that the customer is not
  // locked while the conversation is (merges and erasures lock the customer first); a delivery job's reply
  // counts once it is sent.
  // Most lines of a chat come within the minute the last contact is kept to: no statement for those.
  const at = new Date(message.createdAt);
  if (reached && !contactCovers(reached, at)) await touchCustomerContact(db, context, { customerId: reached.customerId, at });
  return message;
}
