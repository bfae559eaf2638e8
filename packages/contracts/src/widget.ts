import { z } from 'zod';
import { email, id, languageTag, timestamp } from './common.js';

/**
 * The website chat widget: its channel settings, its public HTTP endpoints and
 * the frames of its WebSocket (`GET /api/v1/widget/socket?token=…`). The
 * widget itself (apps/widget) imports only the types from here, to stay small.
 */

/** The largest frame a widget socket reads; a bigger one is answered `frame_too_large` (far bigger: closed 1009). */
export const maxWidgetFrameBytes = 16 * 1024;
/** The longest chat message a visitor may send, in characters. */
export const maxWidgetMessageChars = 5_000;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1f6feb');
const perLanguage = (max: number) =>
  z.record(languageTag, z.string().trim().min(1).max(max)).refine((v) => Object.keys(v).length <= 20, {
    message: 'at most twenty language variants',
  });

/** A chat channel's settings (channels.settings). The identity secret is made by the server and never accepted. */
export const chatChannelSettings = z.strictObject({
  colour: colour.default('#1f6feb'),
  position: z.enum(['right', 'left']).default('right'),
  /** The first words the panel shows, per language ("Hi! How can we help?"). */
  greetings: perLanguage(500).default({}),
  /** What the panel says when nobody is available, per language, above the form that asks for an email. */
  offlineMessages: perLanguage(500).default({}),
  /** Ask the visitor's name and email before the first message. */
  preChatForm: z.enum(['off', 'optional', 'required']).default('off'),
  /** Sites allowed to embed the widget (origins such as https://shop.example.com); empty: any. */
  allowedOrigins: z.array(z.url().max(200)).max(20).default([]),
});
export type ChatChannelSettings = z.infer<typeof chatChannelSettings>;

/** What an admin sees of a chat channel besides its settings: the snippet's key and the identity secret. */
export const chatChannelSecrets = z.object({
  /** Public: in the snippet on every page of the site. */
  widgetKey: z.string(),
  /** Private: the site's server signs a signed-in user's identity with it (HMAC-SHA256, hex). */
  identitySecret: z.string(),
});
export type ChatChannelSecrets = z.infer<typeof chatChannelSecrets>;

// --- Public HTTP ---

/** Whether someone is there to answer, and if not, when they will be. */
export const widgetAvailability = z.object({
  /** Within business hours and at least one agent of the channel's team is connected. */
  online: z.boolean(),
  /** The next time the team is in (business hours start), when offline; null when unknown or online. */
  nextOnlineAt: timestamp.nullable(),
  /** The usual time to a first answer in recent chats, in minutes; null when too few to tell. */
  usualReplyMinutes: z.number().int().nullable(),
});
export type WidgetAvailability = z.infer<typeof widgetAvailability>;

/** `GET /api/v1/widget/config?key=…&lang=…`: how the widget looks and greets, in the best language for the visitor. */
export const widgetConfig = z.object({
  name: z.string(),
  colour: z.string(),
  position: z.enum(['right', 'left']),
  /** The language chosen for the visitor among the widget's own (en, hu, tr, uz, de). */
  locale: z.string(),
  greeting: z.string().nullable(),
  offlineMessage: z.string().nullable(),
  preChatForm: z.enum(['off', 'optional', 'required']),
  availability: widgetAvailability,
});
export type WidgetConfig = z.infer<typeof widgetConfig>;

/**
 * An identity the host site vouches for: `signature` is HMAC-SHA256 over the
 * `externalId` (or, without one, the email), keyed by the channel's identity
 * secret, in hex. Unsigned or wrongly signed identities are refused.
 */
export const widgetIdentity = z.strictObject({
  externalId: z.string().trim().min(1).max(200).optional(),
  email: email.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  signature: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits (HMAC-SHA256)'),
});
export type WidgetIdentity = z.infer<typeof widgetIdentity>;

const pageInfo = z.strictObject({
  url: z.string().max(2000),
  title: z.string().max(300).default(''),
});

/** `POST /api/v1/widget/sessions`: starts or resumes a visitor; answers a token for the socket. */
export const widgetSessionInput = z.strictObject({
  key: z.string().min(1).max(100),
  /** The token the browser kept from an earlier visit. A forged or foreign one is refused (invalid_visitor_token). */
  visitorToken: z.string().max(500).optional(),
  identity: widgetIdentity.optional(),
  language: languageTag.optional(),
  timeZone: z.string().max(64).optional(),
  page: pageInfo.optional(),
});
export type WidgetSessionInput = z.infer<typeof widgetSessionInput>;

export const widgetVisitor = z.object({
  id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Signed in on the host site (a verified identity). */
  identified: z.boolean(),
});
export type WidgetVisitor = z.infer<typeof widgetVisitor>;

export const widgetSession = z.object({
  visitorToken: z.string(),
  visitor: widgetVisitor,
});
export type WidgetSession = z.infer<typeof widgetSession>;

// --- Socket frames ---

/** A message as the visitor sees it: theirs (inbound) or the team's (outbound). Internal notes never reach a visitor. */
export const widgetMessage = z.object({
  id,
  /** The id the visitor's browser gave its own message; null for the team's. */
  clientId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  text: z.string(),
  /** The agent's name on the team's messages. */
  authorName: z.string().nullable(),
  createdAt: timestamp,
});
export type WidgetMessage = z.infer<typeof widgetMessage>;

const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, "_" or "-"');

export const widgetClientFrame = z.discriminatedUnion('type', [
  /** First frame after connecting: the server answers `history` with the messages after `after` (all when null). */
  z.strictObject({ type: z.literal('hello'), after: id.nullable().default(null) }),
  /** A message; resending the same clientId (after a reconnect) is answered with the same ack and stored once. */
  z.strictObject({
    type: z.literal('message'),
    clientId,
    text: z.string().trim().min(1).max(maxWidgetMessageChars),
  }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  /** The visitor has seen the team's messages up to this one. */
  z.strictObject({ type: z.literal('read'), upTo: id }),
  /** The page the visitor is on now. */
  z.strictObject({ type: z.literal('page'), url: z.string().max(2000), title: z.string().max(300).default('') }),
  /** The pre-chat or offline form: how to reach the visitor by email. */
  z.strictObject({
    type: z.literal('contact'),
    email,
    name: z.string().trim().min(1).max(200).optional(),
  }),
  /** Email the conversation so far to the visitor's address. */
  z.strictObject({ type: z.literal('transcript') }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type WidgetClientFrame = z.infer<typeof widgetClientFrame>;

/** Stable codes of the widget socket's error frames and HTTP errors. */
export const widgetErrorCode = z.enum([
  'invalid_frame',
  'frame_too_large',
  /** Too many frames or messages from this visitor or address: wait `retryAfterMs`. */
  'rate_limited',
  /** The visitor token is forged, expired or for another widget. */
  'invalid_visitor_token',
  /** The identity's signature does not match. */
  'invalid_identity_signature',
  /** The widget key names no chat channel, or the page's origin is not allowed. */
  'unknown_widget',
  /** A `read` naming a message that is not in the visitor's own conversation. */
  'unknown_message',
  /** `transcript` without an email address known. */
  'email_required',
  /**
   * A `message` (with its clientId) on a channel whose pre-chat form is required, from a visitor who has given no
   * email yet (nor has one from a signed identity): nothing is stored; send `contact`, then the message again.
   */
  'contact_required',
]);
export type WidgetErrorCode = z.infer<typeof widgetErrorCode>;

export type WidgetServerFrame =
  | { type: 'welcome'; visitorId: string; heartbeatMs: number; maxFrameBytes: number }
  /** The answer to `hello`: the visitor's conversation's messages after `after`, oldest first. */
  /**
   * Answer to `hello`: the newest messages, or those after `after`; `hasMore` when more follow the last of these
   * (say `hello` again after it).
   */
  | {
      type: 'history';
      conversationId: string | null;
      messages: WidgetMessage[];
      agentReadUpTo: string | null;
      hasMore?: boolean;
    }
  | { type: 'message'; message: WidgetMessage }
  /** A visitor message is stored (sent again for a resend of the same clientId). */
  | { type: 'ack'; clientId: string; message: WidgetMessage }
  | { type: 'typing'; typing: boolean; agentName: string | null }
  /** The team has read the visitor's messages up to this one. */
  | { type: 'read'; upTo: string }
  | { type: 'availability'; availability: WidgetAvailability }
  /**
   * The channel's settings changed (an admin saved them): the widget's look, greeting, offline message and pre-chat
   * form as `GET /widget/config` answers them, in the language the visitor's session began in. Sent to the open
   * sockets of that channel only; `availability` frames follow it as before.
   */
  | { type: 'config'; config: WidgetConfig }
  /** `transcript` was queued to this address. */
  | { type: 'transcript_queued'; email: string }
  | { type: 'contact_saved'; email: string }
  | { type: 'pong' }
  | { type: 'error'; code: WidgetErrorCode; message: string; clientId?: string; retryAfterMs?: number };

/**
 * Close codes: 4401 for a token refused at the handshake (also, with `unknown_widget`, a page of a site the channel
 * does not allow); 1013 with `rate_limited` for too many sockets from one address; 1008 for repeated bad frames or floods.
 */
export const widgetInvalidTokenCloseCode = 4401;

// --- Agent side (REST, authenticated) ---

/** `GET /channels/{id}/widget` (owners and admins): what goes into the site's pages and its server. */
export const chatWidgetSetup = chatChannelSecrets.extend({
  /** The `<script>` to paste before `</body>` on every page of the site. */
  snippet: z.string(),
});
export type ChatWidgetSetup = z.infer<typeof chatWidgetSetup>;

/** `GET /conversations/{id}/visitor`: who is chatting, where they are and whether the widget is open now. */
export const chatVisitorInfo = z.object({
  id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  pageUrl: z.string().nullable(),
  pageTitle: z.string().nullable(),
  /** A widget socket of this visitor is connected (in any app process, within a minute). */
  online: z.boolean(),
  lastSeenAt: timestamp,
});
export type ChatVisitorInfo = z.infer<typeof chatVisitorInfo>;

/** `POST /conversations/{id}/typing`: the agent is typing (sent every few seconds while so), or stopped. */
export const agentTypingInput = z.strictObject({ typing: z.boolean() });
/** `POST /conversations/{id}/read`: the agent has seen the customer's messages up to this one. */
export const markReadInput = z.strictObject({ upTo: id });

/** `POST /conversations/{id}/transcript`: email a chat to the customer; `email` overrides their address. */
export const emailTranscriptInput = z.strictObject({ email: email.optional() });
export type EmailTranscriptInput = z.infer<typeof emailTranscriptInput>;

/** The transcript is queued: every message until `until`, to `email`. */
export const transcriptQueued = z.object({ email: z.string(), until: timestamp });
export type TranscriptQueued = z.infer<typeof transcriptQueued>;
