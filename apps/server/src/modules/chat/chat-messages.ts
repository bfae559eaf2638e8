import type { Kysely } from 'kysely';
import type { ChannelRow, ChatVisitorRow, DB, MessageRow } from '@rapport/db';
import type { TranscriptQueued, WidgetMessage } from '@rapport/contracts';
import { systemActor, type Executor, type WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { FileStore } from '../../platform/file-store.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { announceSignal } from '../../platform/realtime/signals.js';
import { receiveMessage } from '../conversations/receive-message.js';
import * as conversations from '../conversations/conversations.repo.js';
import { chatIdentityOf, ensureVisitorCustomer, hasRequiredContact } from './visitors.js';
import type { Widget } from './widget-keys.js';

export const sendTranscriptJobName = 'chat.send_transcript';
/** The most messages a `history` frame carries (the latest ones when the widget has none yet). */
export const historyLimit = 200;

/** The channel id of a visitor's message: the visitor and the id their browser gave it (unique per workspace). */
export function chatExternalId(visitorId: string, clientId: string): string {
  return `chat:${visitorId}:${clientId}`;
}

/** The browser's id of a visitor's message, from its channel id; null for the team's messages. */
export function clientIdOf(externalId: string | null): string | null {
  const match = externalId ? /^chat:[0-9a-f-]{36}:(.+)$/.exec(externalId) : null;
  return match?.[1] ?? null;
}

type WidgetMessageRow = Pick<MessageRow, 'id' | 'direction' | 'body_text' | 'external_id' | 'created_at'> & {
  author_name: string | null;
};

export function presentWidgetMessage(row: WidgetMessageRow): WidgetMessage {
  return {
    id: row.id,
    clientId: row.direction === 'inbound' ? clientIdOf(row.external_id) : null,
    direction: row.direction === 'inbound' ? 'inbound' : 'outbound',
    text: row.body_text,
    authorName: row.direction === 'outbound' ? row.author_name : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Messages of a conversation a visitor may see (never internal notes), by id, oldest first. */
export function visibleMessages(db: Executor, workspaceId: string, conversationId: string) {
  return db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.direction', 'm.body_text', 'm.external_id', 'm.created_at', 'u.name as author_name'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.conversation_id', '=', conversationId)
    .where('m.direction', 'in', ['inbound', 'outbound']);
}

/**
 * The `history` answer: the messages of the visitor's conversation after
 * `after` (the last one the widget has), or the latest ones; and how far the
 * team has read. An `after` that is not in the conversation counts as none.
 */
export async function visitorHistory(db: Executor, visitor: ChatVisitorRow, after: string | null) {
  if (!visitor.conversation_id) return { conversationId: null, messages: [], agentReadUpTo: null, hasMore: false };
  const conversation = await conversations.findConversation(db, visitor.workspace_id, visitor.conversation_id);
  if (!conversation) return { conversationId: null, messages: [], agentReadUpTo: null, hasMore: false };
  const anchor = after ? await conversations.findMessage(db, visitor.workspace_id, after) : undefined;
  let query = visibleMessages(db, visitor.workspace_id, conversation.id);
  let rows;
  let hasMore = false;
  if (anchor && anchor.conversation_id === conversation.id) {
    query = query.where((eb) =>
      eb.or([
        eb('m.created_at', '>', anchor.created_at),
        eb.and([eb('m.created_at', '=', anchor.created_at), eb('m.id', '>', anchor.id)]),
      ]),
    );
    // One more than a page tells whether more follow (a visitor away for a long chat).
    rows = await query
      .orderBy('m.created_at')
      .orderBy('m.id')
      .limit(historyLimit + 1)
      .execute();
    hasMore = rows.length > historyLimit;
    rows = rows.slice(0, historyLimit);
  } else {
    rows = (await query.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(historyLimit).execute()).reverse();
  }
  return {
    conversationId: conversation.id,
    messages: rows.map(presentWidgetMessage),
    agentReadUpTo: conversation.agent_read_message_id,
    hasMore,
  };
}

/**
 * A visitor's message: filed through the core `receiveMessage` into their
 * conversation (a new one after it was closed), idempotent by the browser's
 * id, so a resend after a reconnect is stored once and answered the same.
 * Throws contact_required, storing nothing (not even a customer), when the
 * channel requires the pre-chat form and the visitor has given no email.
 */
export async function postVisitorMessage(
  db: Kysely<DB>,
  files: FileStore,
  widget: Widget,
  visitor: ChatVisitorRow,
  clientId: string,
  text: string,
): Promise<{ visitor: ChatVisitorRow; message: WidgetMessage }> {
  if (!hasRequiredContact(widget, visitor))
    throw new AppError('contact_required', 'This chat asks for your email address first: send it with a contact frame.');
  visitor = await ensureVisitorCustomer(db, visitor);
  const received = await receiveMessage(db, files, {
    channel: widget.channel,
    from: { value: chatIdentityOf(visitor.id), name: visitor.name },
    externalId: chatExternalId(visitor.id, clientId),
    inReplyTo: [],
    replyToken: null,
    conversationId: visitor.conversation_id,
    subject: text.split('\n')[0]!.slice(0, 120),
    text,
    html: null,
    hasRemoteImages: false,
    language: visitor.language,
    envelope: { clientId, ...(visitor.page_url ? { pageUrl: visitor.page_url } : {}) },
    automated: false,
    attachments: [],
  });
  if (received.conversationId !== visitor.conversation_id) {
    visitor = await db
      .updateTable('chat_visitors')
      .set({ conversation_id: received.conversationId })
      .where('workspace_id', '=', visitor.workspace_id)
      .where('id', '=', visitor.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const row = await visibleMessages(db, visitor.workspace_id, received.conversationId)
    .where('m.id', '=', received.messageId)
    .executeTakeFirstOrThrow();
  return { visitor, message: presentWidgetMessage(row) };
}

/** Read receipts: one side has seen the conversation up to a message of it. Records `conversation.read`. */
async function markRead(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  upTo: string,
  by: 'customer' | 'agent',
): Promise<void> {
  const message = await conversations.findMessage(db, context.workspaceId, upTo);
  if (!message || message.conversation_id !== conversationId || message.direction === 'note')
    throw new AppError('not_found', 'No such message in this conversation.');
  const column = by === 'customer' ? 'customer_read_message_id' : 'agent_read_message_id';
  await db.transaction().execute(async (trx) => {
    const conversation = await conversations.lockConversation(trx, context.workspaceId, conversationId);
    if (!conversation) throw new AppError('not_found', 'No such conversation in this workspace.');
    // Receipts only move forward: a late "read" of an older message changes nothing.
    const current = conversation[column] ? await conversations.findMessage(trx, context.workspaceId, conversation[column]) : null;
    if (current && (current.created_at > message.created_at || current.id === message.id)) return;
    await trx
      .updateTable('conversations')
      .set({ [column]: message.id })
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', conversationId)
      .execute();
    await recordEvent(trx, context, {
      name: 'conversation.read',
      subjectType: 'conversation',
      subjectId: conversationId,
      data: { by, upTo: message.id },
    });
  });
}

/** The visitor has seen their conversation up to a message; unknown_message when it is not in it. */
export async function markReadByVisitor(db: Kysely<DB>, visitor: ChatVisitorRow, upTo: string): Promise<void> {
  if (!visitor.conversation_id) throw new AppError('not_found', 'No such message in this conversation.');
  await markRead(
    db,
    { workspaceId: visitor.workspace_id, actor: systemActor, role: 'owner' },
    visitor.conversation_id,
    upTo,
    'customer',
  );
}

/** `POST /conversations/{id}/read`: the agent has seen the customer's messages up to this one. */
export async function markReadByAgent(db: Kysely<DB>, context: WorkspaceContext, conversationId: string, upTo: string) {
  await markRead(db, context, conversationId, upTo, 'agent');
}

/** `POST /conversations/{id}/typing`: tells the visitor (and colleagues) the agent is typing, or stopped. */
export async function announceAgentTyping(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  typing: boolean,
): Promise<void> {
  const conversation = await conversations.findConversation(db, context.workspaceId, conversationId);
  if (!conversation) throw new AppError('not_found', 'No such conversation in this workspace.');
  const userId = context.actor.type === 'user' ? context.actor.id : null;
  const user = userId ? await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst() : undefined;
  await announceSignal(db, {
    workspaceId: context.workspaceId,
    signal: { kind: 'typing', conversationId, by: 'agent', userId, typing },
    agentName: user?.name ?? null,
  });
}

/** The visitor typing, for the agents watching their conversation. */
export async function announceVisitorTyping(db: Executor, visitor: ChatVisitorRow, typing: boolean): Promise<void> {
  if (!visitor.conversation_id) return;
  await announceSignal(db, {
    workspaceId: visitor.workspace_id,
    signal: { kind: 'typing', conversationId: visitor.conversation_id, by: 'customer', userId: null, typing },
  });
}

/** The page the visitor is on now: kept on the visitor, and shown live to agents in their conversation. */
export async function recordVisitorPage(
  db: Kysely<DB>,
  visitor: ChatVisitorRow,
  page: { url: string; title: string },
): Promise<ChatVisitorRow> {
  const row = await db
    .updateTable('chat_visitors')
    .set({ page_url: page.url, page_title: page.title, last_seen_at: new Date() })
    .where('workspace_id', '=', visitor.workspace_id)
    .where('id', '=', visitor.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.conversation_id)
    await announceSignal(db, {
      workspaceId: row.workspace_id,
      signal: { kind: 'page', conversationId: row.conversation_id, url: page.url, title: page.title },
    });
  return row;
}

/**
 * The channel transcripts and replies to an absent visitor are sent from: the workspace's first email channel (its
 * address is the one customers know); undefined when it has none.
 */
export async function findSenderChannel(db: Executor, workspaceId: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Queues a chat's transcript to an address: every message until now (a later one does not change what was asked
 * for), written in the visitor's language and time zone, or the customer's when no visitor is named.
 */
export async function queueTranscript(
  db: Executor,
  transcript: { workspaceId: string; conversationId: string; visitorId: string | null; email: string },
): Promise<TranscriptQueued> {
  const until = new Date().toISOString();
  await enqueueJob(db, {
    name: sendTranscriptJobName,
    workspaceId: transcript.workspaceId,
    payload: {
      workspaceId: transcript.workspaceId,
      conversationId: transcript.conversationId,
      ...(transcript.visitorId ? { visitorId: transcript.visitorId } : {}),
      email: transcript.email,
      until,
    },
  });
  return { email: transcript.email, until };
}

/** The visitor's `transcript` frame: the conversation so far to their email. Throws email_required, not_found. */
export async function requestTranscript(db: Executor, visitor: ChatVisitorRow): Promise<string> {
  if (!visitor.email) throw new AppError('email_required', 'No email address to send the transcript to.');
  if (!visitor.conversation_id) throw new AppError('not_found', 'There is no conversation to send yet.');
  const queued = await queueTranscript(db, {
    workspaceId: visitor.workspace_id,
    conversationId: visitor.conversation_id,
    visitorId: visitor.id,
    email: visitor.email,
  });
  return queued.email;
}
