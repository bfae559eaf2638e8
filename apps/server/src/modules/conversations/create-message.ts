import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { ChannelKind, CreateMessageInput, Message } from '@rapport/contracts';
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
  const written =
    (input.kind === 'reply' && input.attachmentIds.length === 0
      ? await replyWithoutLock(db, context, conversationId, input.body)
      : undefined) ?? (await writeLocked(db, context, conversationId, input, limits));
  // A reply delivered on commit (a chat's) reached the customer. After the commit, so that the customer is not
  // locked while the conversation is (merges and erasures lock the customer first); a delivery job's reply
  // counts once it is sent. Most lines of a chat come within the minute the last contact is kept to: no
  // statement for those.
  const { message, reached } = written;
  const at = new Date(message.createdAt);
  if (reached && !contactCovers(reached, at)) await touchCustomerContact(db, context, { customerId: reached.customerId, at });
  return message;
}

interface Written {
  message: Message;
  /** The customer a reply reached as it was written, with their contact times as read before. */
  reached: { customerId: string; lastContactedAt: Date | null; firstSeenAt: Date | null } | null;
}

/** Conversations' channel kinds (which never change) by workspace and conversation id, as this process read them. */
const channelKinds = new Map<string, ChannelKind>();

/**
 * A reply that is sent as it is written (a chat's) and carries no files, in
 * two round trips: the conversation read without a lock (and, its channel
 * known, the driver's question at the same time), then one statement that
 * writes the message, the conversation's change and the events only if the
 * conversation is still as read; a concurrent change means reading it again.
 * Undefined when the reply takes the locked path: a reply that goes by a
 * job, a channel that takes none, an unknown conversation (which throws
 * there), or a conversation that kept changing.
 */
async function replyWithoutLock(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  body: string,
): Promise<Written | undefined> {
  const key = `${context.workspaceId}:${conversationId}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const knownKind = channelKinds.get(key);
    const [read, askedEarly] = await Promise.all([
      repo.readConversationForMessage(db, context.workspaceId, conversationId, { lock: false }),
      knownKind
        ? channelDriver(knownKind).deliversOnCommit?.(db, { workspace_id: context.workspaceId, id: conversationId })
        : undefined,
    ]);
    if (!read) return undefined;
    if (channelKinds.size >= 10_000) channelKinds.clear();
    channelKinds.set(key, read.channelKind);
    const driver = channelDriver(read.channelKind);
    if (!driver.canReply || !driver.deliversOnCommit) return undefined;
    if (!(askedEarly ?? (await driver.deliversOnCommit(db, read.conversation)))) return undefined;
    const parts = await messageParts(db, context, read, { kind: 'reply', body, mentions: [], deliveredNow: true });
    const row = await repo.insertReplyIfUnchanged(db, read.version, parts.values, parts.change!, context, parts.events);
    if (row) return { message: presentMessage(row, []), reached: parts.reached };
  }
  return undefined;
}

/**
 * The message row, the conversation's change (a reply's) and the events of a
 * new message, from the conversation as read. A reply stops the
 * first-response clock and moves an open conversation to pending.
 */
async function messageParts(
  db: Executor,
  context: WorkspaceContext,
  read: repo.ConversationForMessage,
  message: { kind: 'reply' | 'note'; body: string; mentions: string[]; deliveredNow: boolean },
) {
  const { conversation } = read;
  const now = new Date();
  const isReply = message.kind === 'reply';
  const messageId = newId();
  const events: NewEvent[] = [
    {
      name: isReply ? 'message.created' : 'note.created',
      subjectType: 'conversation',
      subjectId: conversation.id,
      data: { messageId, ...(message.mentions.length ? { mentions: message.mentions } : {}) },
    },
    ...(message.deliveredNow
      ? [{ name: 'message.sent', subjectType: 'conversation', subjectId: conversation.id, data: { messageId } }]
      : []),
  ];
  const change = isReply
    ? {
        ...(await slaUpdate(db, conversation, 'agent_replied', now, {}, read.sla)),
        last_message_at: now,
        updated_at: now,
        first_response_at: conversation.first_response_at ?? now,
        ...(conversation.status === 'open' ? { status: 'pending' as const } : {}),
      }
    : null;
  const values = {
    workspace_id: context.workspaceId,
    id: messageId,
    conversation_id: conversation.id,
    direction: isReply ? ('outbound' as const) : ('note' as const),
    author_user_id: context.actor.type === 'user' ? context.actor.id : null,
    body_text: message.body,
    mentions: message.mentions,
    delivery_status: isReply ? (message.deliveredNow ? ('sent' as const) : ('queued' as const)) : ('none' as const),
    created_at: now,
  };
  const reached =
    message.deliveredNow && read.customerContact ? { customerId: conversation.customer_id, ...read.customerContact } : null;
  return { values, change, events, reached };
}

/** Any new message, with the conversation locked for the transaction that writes it. */
async function writeLocked(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  input: CreateMessageInput,
  limits: { maxAttachmentBytes: number },
): Promise<Written> {
  return db.transaction().execute(async (trx) => {
    const read = await repo.readConversationForMessage(trx, context.workspaceId, conversationId, { lock: true });
    if (!read) throw new AppError('not_found', 'No such conversation in this workspace.');
    const { conversation } = read;
    const mentions = [...new Set(input.kind === 'note' ? input.mentions : [])];
    for (const userId of mentions)
      if (!(await repo.isMember(trx, context.workspaceId, userId)))
        throw new AppError('not_a_member', 'A mentioned person is not a member of this workspace.', { userId });
    const isReply = input.kind === 'reply';
    const driver = channelDriver(read.channelKind);
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
    const parts = await messageParts(trx, context, read, { kind: input.kind, body: input.body, mentions, deliveredNow });
    const row = await repo.insertMessageWithChange(trx, parts.values, parts.change, context, parts.events);
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
    return { message: presentMessage(row, attachmentRows), reached: parts.reached };
  });
}
