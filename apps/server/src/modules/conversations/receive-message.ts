import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelRow, ConversationRow, DB } from '@rapport/db';
import { languageTag } from '@rapport/contracts';
import { systemActor, type WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { FileStore } from '../../platform/file-store.js';
import { newId } from '../../platform/ids.js';
import { createCustomer } from '../customers/create-customer.js';
import { findCustomerByIdentity } from '../customers/list-customers.js';
import { touchCustomerContact } from '../customers/touch-customer-contact.js';
import { channelDriver } from '../channels/channel-driver.js';
import * as repo from './conversations.repo.js';
import { slaUpdate } from './sla-update.js';
import { acknowledgeConversation } from './acknowledge-conversation.js';
import { messageHtmlColumns } from './message-html.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';

/** A message a channel driver received, in the form every channel shares. */
export interface InboundMessage {
  channel: ChannelRow;
  /** Who wrote: their identity on the channel and the name they gave. */
  from: { value: string; name: string | null };
  /** The channel's id of the message (an email's Message-ID): a second delivery of it is ignored. */
  externalId: string;
  /** Channel ids of earlier messages it answers (In-Reply-To, then References newest first). */
  inReplyTo: string[];
  /** A conversation's reply token found in the address, if any. */
  replyToken: string | null;
  /** The conversation number the message names (an email subject's "[#1042]"), if any. */
  conversationNumber?: number | null;
  /** The conversation the channel itself keeps the sender in (a chat widget's), if any: used when it is theirs. */
  conversationId?: string | null;
  subject: string;
  text: string;
  /** Where the quoted history of earlier messages begins in `text` (an email reply's "On … wrote:"), if found. */
  quoteStart?: number | null;
  /** Sanitized HTML. */
  html: string | null;
  hasRemoteImages: boolean;
  language: string | null;
  envelope: Record<string, unknown>;
  /** An auto-reply, bounce or bulk mail: filed, but never acknowledged automatically. */
  automated: boolean;
  attachments: { fileName: string; contentType: string; size: number; contentId: string | null; content: Buffer }[];
}

export interface ReceivedMessage {
  conversationId: string;
  conversationNumber: number;
  messageId: string;
  /** A new conversation was started (no earlier one matched). */
  isNewConversation: boolean;
  /** The message had been received before (same channel id): nothing was written. */
  isDuplicate: boolean;
}

/**
 * Files an inbound message: finds (or creates) the customer by their identity
 * on the channel, threads it into a conversation (by the ids it answers, then
 * by reply token, then by the conversation number it names, the last two only
 * into the sender's own conversation; a closed conversation is not reopened: a
 * new one starts), stores it with its attachments and records
 * `message.received` (and `conversation.created`) in one transaction. A resolved, pending or snoozed
 * conversation opens again. Idempotent by `externalId`.
 */
export async function receiveMessage(db: Kysely<DB>, files: FileStore, inbound: InboundMessage): Promise<ReceivedMessage> {
  const workspaceId = inbound.channel.workspace_id;
  // Content-Language is free text in the wild ("English", "hu, en"): kept only when it is a language tag.
  const language = languageTag.safeParse(inbound.language?.split(',')[0]?.trim()).data ?? null;
  inbound = { ...inbound, language };
  const context: WorkspaceContext = { workspaceId, actor: systemActor, role: 'owner' };
  const earlier = await repo.findMessageByExternalId(db, workspaceId, inbound.externalId);
  if (earlier) return duplicateOf(db, workspaceId, earlier);
  const customer = await findOrCreateCustomer(db, context, inbound);
  // Files first, flushed: a crash before the commit leaves unreferenced files, never rows naming missing files.
  const stored = await Promise.all(
    inbound.attachments.map(async (a) => ({ ...a, storageKey: await files.save(workspaceId, a.content) })),
  );
  try {
    return await db.transaction().execute(async (trx) => {
      const now = new Date();
      // The customer wrote (an auto-reply or a bounce is not them); before the conversation is locked.
      if (!inbound.automated) await touchCustomerContact(trx, context, { customerId: customer.id, at: now });
      let conversation = await threadOf(trx, workspaceId, inbound, customer.id);
      const isNewConversation = conversation === undefined;
      if (!conversation) {
        conversation = await trx
          .insertInto('conversations')
          .values({
            workspace_id: workspaceId,
            id: newId(),
            number: await repo.nextConversationNumber(trx, workspaceId),
            channel_id: inbound.channel.id,
            customer_id: customer.id,
            team_id: inbound.channel.team_id,
            language: inbound.language ?? customer.language,
            subject: inbound.subject.slice(0, 300),
            reply_token: randomBytes(6)
              .toString('base64url')
              .toLowerCase()
              .replace(/[^a-z0-9]/g, 'x'),
            last_message_at: now,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const clocks = await slaUpdate(trx, conversation, 'opened', now);
        await trx
          .updateTable('conversations')
          .set(clocks)
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', conversation.id)
          .execute();
        conversation = { ...conversation, ...clocks };
        await recordEvent(trx, context, {
          name: 'conversation.created',
          subjectType: 'conversation',
          subjectId: conversation.id,
          data: { number: Number(conversation.number), channelId: inbound.channel.id, customerId: customer.id },
        });
      } else {
        const reopens = conversation.status !== 'open';
        const clocks = await slaUpdate(trx, conversation, 'customer_wrote', now);
        await trx
          .updateTable('conversations')
          .set({ ...clocks, status: 'open', snoozed_until: null, resolved_at: null, last_message_at: now, updated_at: now })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', conversation.id)
          .execute();
        if (reopens)
          await recordEvent(trx, context, {
            name: 'conversation.reopened',
            subjectType: 'conversation',
            subjectId: conversation.id,
            data: { before: conversation.status, after: 'open' },
          });
      }
      const messageId = newId();
      await trx
        .insertInto('messages')
        .values({
          workspace_id: workspaceId,
          id: messageId,
          conversation_id: conversation.id,
          direction: 'inbound',
          body_text: inbound.text,
          body_quote_start: inbound.quoteStart ?? null,
          ...messageHtmlColumns(inbound.html),
          has_remote_images: inbound.hasRemoteImages,
          external_id: inbound.externalId,
          envelope: JSON.stringify(inbound.envelope),
          delivery_status: 'received',
          created_at: now,
        })
        .execute();
      if (stored.length)
        await trx
          .insertInto('message_attachments')
          .values(
            stored.map((a) => ({
              workspace_id: workspaceId,
              id: newId(),
              message_id: messageId,
              file_name: a.fileName,
              content_type: a.contentType,
              size: a.size,
              content_id: a.contentId,
              storage_key: a.storageKey,
            })),
          )
          .execute();
      await recordEvent(trx, context, {
        name: 'message.received',
        subjectType: 'conversation',
        subjectId: conversation.id,
        data: { messageId, customerId: customer.id },
      });
      if (isNewConversation && !inbound.automated) {
        const workspace = await findWorkspace(trx, workspaceId);
        const acknowledgement = await acknowledgeConversation(trx, {
          channel: inbound.channel,
          conversation,
          customer,
          workspace: { defaultLocale: workspace?.default_locale ?? 'en', timeZone: workspace?.time_zone ?? 'UTC' },
          now: new Date(now.getTime() + 1),
        });
        if (acknowledgement)
          await recordEvent(trx, context, {
            name: 'message.created',
            subjectType: 'conversation',
            subjectId: conversation.id,
            data: { messageId: acknowledgement, automatic: true },
          });
      }
      return {
        conversationId: conversation.id,
        conversationNumber: Number(conversation.number),
        messageId,
        isNewConversation,
        isDuplicate: false,
      };
    });
  } catch (error) {
    await files.remove(stored.map((a) => a.storageKey));
    // The same message delivered twice at once: the unique channel id let one in.
    const winner = await repo.findMessageByExternalId(db, workspaceId, inbound.externalId);
    if (winner) return duplicateOf(db, workspaceId, winner);
    throw error;
  }
}

async function duplicateOf(db: Kysely<DB>, workspaceId: string, message: { id: string; conversation_id: string }) {
  const conversation = await repo.findConversation(db, workspaceId, message.conversation_id);
  return {
    conversationId: message.conversation_id,
    conversationNumber: Number(conversation?.number ?? 0),
    messageId: message.id,
    isNewConversation: false,
    isDuplicate: true,
  };
}

/** The conversation an inbound message continues, locked; undefined when it starts a new one. */
async function threadOf(
  db: Kysely<DB>,
  workspaceId: string,
  inbound: InboundMessage,
  customerId: string,
): Promise<ConversationRow | undefined> {
  let found = inbound.conversationId ? await repo.findConversation(db, workspaceId, inbound.conversationId) : undefined;
  if (found && found.customer_id !== customerId) found = undefined;
  found ??= await repo.findConversationByExternalIds(db, workspaceId, inbound.inReplyTo);
  // A reply token alone (headers lost) only threads the customer's own conversation.
  if (!found && inbound.replyToken) {
    const byToken = await repo.findConversationByReplyToken(db, workspaceId, inbound.replyToken);
    if (byToken?.customer_id === customerId) found = byToken;
  }
  // So does the number in a subject ("[#1042]"): anyone can type one, so only the sender's own conversation.
  if (!found && inbound.conversationNumber) {
    const byNumber = await repo.findConversationByNumber(db, workspaceId, inbound.conversationNumber);
    if (byNumber?.customer_id === customerId) found = byNumber;
  }
  // Any channel: a chat whose visitor left goes on by email, and the customer's answer belongs in it.
  if (!found || found.status === 'closed') return undefined;
  return repo.lockConversation(db, workspaceId, found.id);
}

/** The customer with this identity on the channel, or a new one named as they signed. */
async function findOrCreateCustomer(db: Kysely<DB>, context: WorkspaceContext, inbound: InboundMessage) {
  const kind = channelDriver(inbound.channel.kind).identityKind;
  try {
    return await findCustomerByIdentity(db, context, kind, inbound.from.value);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
  }
  try {
    const input = {
      // The name as the sender signed it: its order is unknown, so it is kept whole; agents can split it.
      givenName: inbound.from.name?.trim().slice(0, 200) || null,
      identities: [{ kind, value: inbound.from.value }],
      ...(inbound.language ? { language: inbound.language } : {}),
    };
    // Someone met by email may have no phone or country yet: their address's country domain can tell their zone.
    return await createCustomer(db, context, input, { isEmailSender: kind === 'email' });
  } catch (error) {
    // Another message from the same new sender created them meanwhile.
    if (error instanceof AppError && error.code === 'identity_taken')
      return findCustomerByIdentity(db, context, kind, inbound.from.value);
    throw error;
  }
}
