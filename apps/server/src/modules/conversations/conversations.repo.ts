import { sql, type Insertable, type Updateable } from 'kysely';
import type {
  ChannelRow,
  ConversationRow,
  ConversationsTable,
  DraftAttachmentRow,
  DraftAttachmentsTable,
  MessageRow,
  MessagesTable,
} from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { eventAnnouncement, eventInsert, type EventScope, type NewEvent } from '../../platform/events.js';
import { slaSettingsColumns, slaSettingsOf, type SlaSettings } from '../sla/sla-settings.js';
import { isAfter, type Position } from '../../platform/pagination.js';

/** SQL for conversations, messages and teams. Every function is scoped by workspace id. */

/** The next conversation number of the workspace (#1, #2 …); the row lock orders concurrent creations. */
export async function nextConversationNumber(db: Executor, workspaceId: string): Promise<number> {
  const { rows } = await sql<{ last_number: string }>`
    INSERT INTO conversation_counters (workspace_id, last_number) VALUES (${workspaceId}, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET last_number = conversation_counters.last_number + 1
    RETURNING last_number`.execute(db);
  return Number(rows[0]!.last_number);
}

export async function findConversation(db: Executor, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The conversation, locked until the transaction ends (changes to one conversation queue behind each other). */
export async function lockConversation(db: Executor, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** What a new message on a conversation needs of it, read with it (see readConversationForMessage). */
export interface ConversationForMessage {
  conversation: ConversationRow;
  /** The row version read (`xmin`): insertReplyIfUnchanged writes only if the conversation is still at it. */
  version: string;
  channelKind: ChannelRow['kind'];
  sla: SlaSettings;
  customerContact: { lastContactedAt: Date | null; firstSeenAt: Date | null } | null;
}

/**
 * A conversation with what a new message on it needs, in one round trip:
 * its channel's kind (which never changes), its SLA settings, its customer's
 * contact times (read, never locked) and its row version; with `lock`, the
 * conversation locked as lockConversation does.
 */
export async function readConversationForMessage(
  db: Executor,
  workspaceId: string,
  id: string,
  options: { lock: boolean },
): Promise<ConversationForMessage | undefined> {
  const query = db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', (join) =>
      join.onRef('ch.workspace_id', '=', 'c.workspace_id').onRef('ch.id', '=', 'c.channel_id'),
    )
    .leftJoin('customers as cu', (join) =>
      join.onRef('cu.workspace_id', '=', 'c.workspace_id').onRef('cu.id', '=', 'c.customer_id'),
    )
    .selectAll('c')
    .select([
      sql<string>`c.xmin::text`.as('row_version'),
      'ch.kind as channel_kind',
      'cu.id as contact_customer_id',
      'cu.last_contacted_at as contact_last_contacted_at',
      'cu.first_seen_at as contact_first_seen_at',
      ...slaSettingsColumns('c'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', '=', id);
  const row = await (options.lock ? query.forUpdate('c') : query).executeTakeFirst();
  if (!row) return undefined;
  const {
    row_version: version,
    channel_kind: channelKind,
    contact_customer_id: contactCustomerId,
    contact_last_contacted_at: lastContactedAt,
    contact_first_seen_at: firstSeenAt,
    sla_policy,
    sla_calendar,
    ...conversation
  } = row;
  return {
    conversation,
    version,
    channelKind,
    sla: slaSettingsOf({ sla_policy, sla_calendar }),
    customerContact: contactCustomerId ? { lastContactedAt, firstSeenAt } : null,
  };
}

/**
 * Writes a message, the change to its conversation (if any) and the events
 * that announce them in one statement: one round trip for what a reply
 * changes. The inserted message.
 */
export async function insertMessageWithChange(
  db: Executor,
  message: Insertable<MessagesTable>,
  conversationChange: Updateable<ConversationsTable> | null,
  scope: EventScope,
  events: readonly NewEvent[],
): Promise<MessageRow> {
  const conversationStep = conversationChange
    ? sql`, conversation AS (${db
        .updateTable('conversations')
        .set(conversationChange)
        .where('workspace_id', '=', message.workspace_id)
        .where('id', '=', message.conversation_id)})`
    : sql``;
  const { rows } = await sql<MessageRow>`
    WITH message AS (${db.insertInto('messages').values(message).returningAll()})${conversationStep},
    event AS (${eventInsert(scope, events)}),
    announced AS (SELECT ${eventAnnouncement(scope)} FROM event ORDER BY id)
    SELECT message.* FROM message WHERE (SELECT count(*) FROM announced) = ${events.length}`.execute(db);
  const inserted = rows[0];
  if (!inserted) throw new Error('the message was not inserted');
  return inserted;
}

/**
 * insertMessageWithChange for a reply written without a lock: the message,
 * the conversation's change and the events are written in one statement only
 * if the conversation is still at `version` (its row version when it was
 * read); otherwise nothing is written and the answer is undefined (read it
 * again and retry). A concurrent writer's change is waited for, then seen.
 */
export async function insertReplyIfUnchanged(
  db: Executor,
  version: string,
  message: Insertable<MessagesTable> & { mentions: string[]; created_at: Date },
  conversationChange: Updateable<ConversationsTable>,
  scope: EventScope,
  events: readonly NewEvent[],
): Promise<MessageRow | undefined> {
  const update = db
    .updateTable('conversations')
    .set(conversationChange)
    .where('workspace_id', '=', message.workspace_id)
    .where('id', '=', message.conversation_id)
    .where(sql<boolean>`xmin::text = ${version}`)
    .returning('id');
  const { rows } = await sql<MessageRow>`
    WITH conversation AS (${update}),
    message AS (
      INSERT INTO messages (workspace_id, id, conversation_id, direction, author_user_id, body_text, mentions,
                            delivery_status, created_at)
      SELECT ${message.workspace_id}::uuid, ${message.id}::uuid, conversation.id, ${message.direction},
             ${message.author_user_id ?? null}::uuid, ${message.body_text}, ${message.mentions}::uuid[],
             ${message.delivery_status}, ${message.created_at}::timestamptz
        FROM conversation
      RETURNING *),
    event AS (${eventInsert(scope, events, { when: sql`EXISTS (SELECT 1 FROM conversation)` })}),
    announced AS (SELECT ${eventAnnouncement(scope)} FROM event ORDER BY id)
    SELECT message.* FROM message WHERE (SELECT count(*) FROM announced) = ${events.length}`.execute(db);
  return rows[0];
}

/** The conversation of the newest message with one of these channel ids (an email's In-Reply-To/References). */
export async function findConversationByExternalIds(
  db: Executor,
  workspaceId: string,
  externalIds: string[],
): Promise<ConversationRow | undefined> {
  if (externalIds.length === 0) return undefined;
  return db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', (join) =>
      join.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.conversation_id'),
    )
    .selectAll('c')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.external_id', 'in', externalIds)
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findConversationByReplyToken(db: Executor, workspaceId: string, token: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('reply_token', '=', token)
    .executeTakeFirst();
}

/** The conversation with this number (#1042) in the workspace, if any. */
export async function findConversationByNumber(db: Executor, workspaceId: string, number: number) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('number', '=', String(number))
    .executeTakeFirst();
}

export async function findMessageByExternalId(db: Executor, workspaceId: string, externalId: string) {
  return db
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * A message as lists read it: every column but body_html, which can be hundreds of kilobytes an email (has_html
 * and has_quoted_history say what lists show of it; the message document reads the HTML alone).
 */
export type MessageListRow = Omit<MessageRow, 'body_html'>;

// A record, not an array, so that a column added to the table fails to compile until it is listed here.
const messageListColumnSet: Record<keyof MessageListRow, true> = {
  workspace_id: true,
  id: true,
  conversation_id: true,
  direction: true,
  author_user_id: true,
  body_text: true,
  body_quote_start: true,
  has_html: true,
  has_quoted_history: true,
  has_remote_images: true,
  external_id: true,
  envelope: true,
  mentions: true,
  delivery_status: true,
  delivery_error: true,
  delivery_attempts: true,
  delivery_started_at: true,
  created_at: true,
};
/** The columns of a MessageListRow, as `m.` references. */
const messageListColumns = Object.keys(messageListColumnSet).map((column) => `m.${column}` as `m.${keyof MessageListRow}`);

/** Messages of a conversation, oldest first, paged by (created_at, id); without their HTML. */
export async function listMessageRows(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  limit: number,
  after?: Position,
): Promise<MessageListRow[]> {
  let query = db
    .selectFrom('messages as m')
    .select(messageListColumns)
    .where('m.workspace_id', '=', workspaceId)
    .where('m.conversation_id', '=', conversationId);
  if (after) query = query.where(isAfter(after, 'asc', ['m.created_at', 'm.id']));
  return query
    .orderBy('m.created_at')
    .orderBy('m.id')
    .limit(limit + 1)
    .execute();
}

export async function listAttachmentRows(db: Executor, workspaceId: string, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('message_attachments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
}

/** The channel ids of a conversation's messages, oldest first, and the newest inbound one (for an email's threading headers). */
export async function threadIdsOf(db: Executor, workspaceId: string, conversationId: string) {
  const rows = await db
    .selectFrom('messages')
    .select(['external_id', 'direction'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('external_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.external_id!);
  const inbound = rows.filter((r) => r.direction === 'inbound');
  return { ids, lastInbound: inbound.at(-1)?.external_id ?? null };
}

/** Whether a user is a member of the workspace. */
export async function isMember(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores an uploaded file's row (the caller has the conversation locked, so that it exists). */
export async function insertDraftAttachment(
  db: Executor,
  values: Omit<Insertable<DraftAttachmentsTable>, 'created_at'>,
): Promise<DraftAttachmentRow> {
  return db.insertInto('draft_attachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Removes unsent attachments of a conversation and returns their rows (a message takes them, an agent drops one). */
export async function takeDraftAttachments(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  ids: string[],
): Promise<DraftAttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .deleteFrom('draft_attachments')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('id', 'in', ids)
    .returningAll()
    .execute();
}

/** The message of this conversation an attachment was sent with, if it was. */
export async function findSentAttachment(db: Executor, workspaceId: string, conversationId: string, attachmentId: string) {
  return db
    .selectFrom('message_attachments as a')
    .innerJoin('messages as m', (join) => join.onRef('m.workspace_id', '=', 'a.workspace_id').onRef('m.id', '=', 'a.message_id'))
    .select(['a.id', 'a.message_id'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.id', '=', attachmentId)
    .where('m.conversation_id', '=', conversationId)
    .executeTakeFirst();
}

/** Removes unsent attachments uploaded before `before`, in every workspace, and returns their rows. */
export async function deleteDraftAttachmentsBefore(db: Executor, before: Date): Promise<DraftAttachmentRow[]> {
  return db.deleteFrom('draft_attachments').where('created_at', '<', before).returningAll().execute();
}
