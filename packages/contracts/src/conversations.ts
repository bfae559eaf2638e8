import { z } from 'zod';
import { email, id, languageTag, timestamp } from './common.js';

export const conversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']);
export type ConversationStatus = z.infer<typeof conversationStatus>;
export const conversationPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export type ConversationPriority = z.infer<typeof conversationPriority>;
export const messageDirection = z.enum(['inbound', 'outbound', 'note']);
export type MessageDirection = z.infer<typeof messageDirection>;
/** received: came in; queued: waiting to be sent (or retried); sent; failed: gave up; none: a note, never sent. */
export const deliveryStatus = z.enum(['received', 'queued', 'sent', 'failed', 'none']);
export type DeliveryStatus = z.infer<typeof deliveryStatus>;
export const channelKind = z.enum(['email', 'chat', 'phone']);
export type ChannelKind = z.infer<typeof channelKind>;

const tag = z.string().trim().min(1).max(60);

// --- Teams ---

export const createTeamInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  memberIds: z.array(id).max(500).default([]),
  /** The team's business hours for SLA clocks (a business calendar); null: the workspace's default. */
  calendarId: id.nullable().default(null),
});
export type CreateTeamInput = z.infer<typeof createTeamInput>;
export const updateTeamInput = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  memberIds: z.array(id).max(500).optional(),
  calendarId: id.nullable().optional(),
});
export type UpdateTeamInput = z.infer<typeof updateTeamInput>;
export const team = z.object({ id, name: z.string(), memberIds: z.array(id), calendarId: id.nullable(), createdAt: timestamp });
export type Team = z.infer<typeof team>;

// --- Channels ---

/** An email channel: mail to `address` becomes conversations; replies go out from it. */
/**
 * An automatic acknowledgement of a new conversation (never of automated mail): a text per language with the
 * placeholders of saved replies plus {{answer.expectedBy}}, when the first answer is due (SLA) in the customer's
 * own time zone and language ("Tuesday 09:30 GMT+1"), removed when nothing is due.
 */
export const autoAcknowledgement = z.strictObject({
  enabled: z.boolean(),
  variants: z.record(languageTag, z.string().trim().min(1).max(5000)).refine((v) => Object.keys(v).length <= 20, {
    message: 'at most twenty language variants',
  }),
});
export type AutoAcknowledgement = z.infer<typeof autoAcknowledgement>;

export const emailChannelSettings = z.strictObject({
  /** The display name replies are sent under ("Acme Support"). */
  senderName: z.string().trim().min(1).max(120).optional(),
  autoAcknowledgement: autoAcknowledgement.optional(),
});
export type EmailChannelSettings = z.infer<typeof emailChannelSettings>;

const channelName = z.string().trim().min(1).max(80);
const channelTeam = id.nullable().default(null);

/** A new channel, by kind: email (its support address), chat (the website widget), phone (calls). */
export const createChannelInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('email'),
    name: channelName,
    /** The support address customers write to (its domain's MX points at Rapport's SMTP server). */
    address: email,
    settings: emailChannelSettings.default({}),
    teamId: channelTeam,
  }),
  z.strictObject({
    kind: z.literal('chat'),
    name: channelName,
    settings: z.record(z.string(), z.unknown()).default({}),
    teamId: channelTeam,
  }),
  z.strictObject({ kind: z.literal('phone'), name: channelName, teamId: channelTeam }),
]);
export type CreateChannelInput = z.infer<typeof createChannelInput>;
/**
 * Rename a channel, replace its settings (validated by the channel's kind) or team; fields left out stay. An email
 * channel's address is fixed (it is how mail finds it).
 */
export const updateChannelInput = z.strictObject({
  name: channelName.optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  teamId: id.nullable().optional(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelInput>;
export const channel = z.object({
  id,
  kind: channelKind,
  name: z.string(),
  address: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  teamId: id.nullable(),
  createdAt: timestamp,
});
export type Channel = z.infer<typeof channel>;

// --- Conversations ---

export const conversation = z.object({
  id,
  /** Human-friendly number within the workspace: #1042. */
  number: z.number().int(),
  /**
   * `canReply`: agents can answer through the channel (a phone channel holds calls and notes only).
   * `canSendAttachments`: its replies can carry files (email; not the chat widget). Notes always can.
   */
  channel: z.object({
    id,
    kind: channelKind,
    name: z.string(),
    canReply: z.boolean(),
    canSendAttachments: z.boolean(),
  }),
  customer: z.object({ id, displayName: z.string() }),
  status: conversationStatus,
  snoozedUntil: timestamp.nullable(),
  priority: conversationPriority,
  assigneeId: id.nullable(),
  teamId: id.nullable(),
  language: z.string().nullable(),
  subject: z.string(),
  /** The problem restated in the agent's words, shown at the top. */
  summary: z.string(),
  tags: z.array(z.string()),
  /** When the next answer is due (SLA), if anything is due. */
  dueAt: timestamp.nullable(),
  firstResponseAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  lastMessageAt: timestamp,
  /** Read receipts: the last message the customer (chat) and the team have seen. */
  customerReadMessageId: id.nullable(),
  agentReadMessageId: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Conversation = z.infer<typeof conversation>;

export const conversationListQuery = z.strictObject({
  /** mine: assigned to the caller; unassigned; all. */
  view: z.enum(['mine', 'unassigned', 'all']).default('all'),
  /** Default: open. `active` = open, pending and snoozed. */
  status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed', 'active']).default('open'),
  teamId: id.optional(),
  channelId: id.optional(),
  language: languageTag.optional(),
  customerId: id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

/** Changes to a conversation; fields left out stay. Snoozing sets status `snoozed` with `snoozedUntil`. */
export const updateConversationInput = z
  .strictObject({
    status: conversationStatus.optional(),
    snoozedUntil: timestamp.nullable().optional(),
    priority: conversationPriority.optional(),
    assigneeId: id.nullable().optional(),
    teamId: id.nullable().optional(),
    language: languageTag.nullable().optional(),
    subject: z.string().trim().max(300).optional(),
    summary: z.string().trim().max(2000).optional(),
    tags: z.array(tag).max(50).optional(),
  })
  .refine((input) => (input.status === 'snoozed') === (input.snoozedUntil != null) || input.status === undefined, {
    message: 'status "snoozed" goes with a snoozedUntil time, and only it',
    path: ['snoozedUntil'],
  });
export type UpdateConversationInput = z.infer<typeof updateConversationInput>;

// --- Messages ---

export const messageAttachment = z.object({
  id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Set for an inline image the HTML shows (cid:). */
  contentId: z.string().nullable(),
});
export type MessageAttachment = z.infer<typeof messageAttachment>;

export const message = z.object({
  id,
  conversationId: id,
  direction: messageDirection,
  authorUserId: id.nullable(),
  /** The whole text as received or written. */
  bodyText: z.string(),
  /** The new text of an email reply: bodyText without the quoted history under it (all of bodyText when none). */
  replyText: z.string(),
  /** The quoted history under an email reply's new text ("On … wrote:", "> …"), when one was found; else null. */
  quotedText: z.string().nullable(),
  /** Whether sanitized HTML exists: read it from `GET /messages/{id}/html` into a sandboxed frame. */
  hasHtml: z.boolean(),
  hasRemoteImages: z.boolean(),
  /** Whether the HTML has quoted history under the reply, folded in its document unless asked for (`quoted=show`). */
  hasQuotedHistory: z.boolean(),
  /** Email: from, to, cc, subject as received or sent. */
  envelope: z.record(z.string(), z.unknown()),
  mentions: z.array(id),
  deliveryStatus: deliveryStatus,
  deliveryError: z.string().nullable(),
  attachments: z.array(messageAttachment),
  createdAt: timestamp,
});
export type Message = z.infer<typeof message>;

/** Most files one reply or note carries. */
export const maxMessageAttachments = 20;

/** A reply to the customer (sent through the conversation's channel) or an internal note. */
export const createMessageInput = z.strictObject({
  kind: z.enum(['reply', 'note']),
  /** Plain text; the email driver also sends it as simple HTML. */
  body: z.string().trim().min(1).max(100_000),
  /** Colleagues mentioned in a note (they are notified). */
  mentions: z.array(id).max(50).default([]),
  /**
   * Files uploaded to this conversation (`POST /conversations/{id}/attachments`) and not sent yet: they become the
   * message's attachments (an email's MIME attachments; a note's stay internal). Each can be sent once.
   */
  attachmentIds: z.array(id).max(maxMessageAttachments).default([]),
});
export type CreateMessageInput = z.infer<typeof createMessageInput>;

// --- Attachments of messages not sent yet ---

/** `POST /conversations/{id}/attachments`: the file is the raw body, its type the Content-Type. */
export const uploadAttachmentQuery = z.strictObject({
  /** The file's name as the customer will see it (made safe: the last path segment, no control characters). */
  fileName: z.string().trim().min(1).max(255),
});
export type UploadAttachmentQuery = z.infer<typeof uploadAttachmentQuery>;

/** A file uploaded for a reply or note not sent yet. One never sent is removed by the daily cleanup after `expiresAt`. */
export const draftAttachment = z.object({
  id,
  conversationId: id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: timestamp,
  expiresAt: timestamp,
});
export type DraftAttachment = z.infer<typeof draftAttachment>;

// --- Saved replies ---

/**
 * Placeholders a saved reply may use; they are filled from the conversation when it is inserted:
 * {{customer.name}} (in the customer's name order), {{customer.givenName}}, {{customer.familyName}},
 * {{customer.company}}, {{agent.name}}, {{conversation.number}}.
 */
export const savedReplyPlaceholders = [
  'customer.name',
  'customer.givenName',
  'customer.familyName',
  'customer.company',
  'agent.name',
  'conversation.number',
] as const;

const savedReplyVariants = z
  .record(languageTag, z.string().trim().min(1).max(20_000))
  .refine((variants) => Object.keys(variants).length >= 1 && Object.keys(variants).length <= 20, {
    message: 'one to twenty language variants',
  });

export const createSavedReplyInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  variants: savedReplyVariants,
});
export type CreateSavedReplyInput = z.infer<typeof createSavedReplyInput>;
export const updateSavedReplyInput = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  variants: savedReplyVariants.optional(),
});
export type UpdateSavedReplyInput = z.infer<typeof updateSavedReplyInput>;
export const savedReply = z.object({
  id,
  name: z.string(),
  variants: z.record(z.string(), z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SavedReply = z.infer<typeof savedReply>;
/** A saved reply made ready for one conversation: the variant in its language (or the nearest), placeholders filled. */
export const renderedSavedReply = z.object({
  language: z.string(),
  body: z.string(),
  /** Placeholders that had no value (e.g. no company): left out of the text, worth a look before sending. */
  missing: z.array(z.string()),
});
export type RenderedSavedReply = z.infer<typeof renderedSavedReply>;
