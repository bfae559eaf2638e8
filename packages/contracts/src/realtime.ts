import { z } from 'zod';
import { timestamp } from './common.js';

/**
 * Frames of the realtime WebSocket (`GET /api/v1/realtime`), both ways. Every
 * frame is one JSON text message with a `type`.
 */

/** The largest client frame the server reads; a bigger one is answered `frame_too_large`. */
export const maxRealtimeFrameBytes = 64 * 1024;

/** An event name or the start of one: `conversation.` (every conversation event) or `message.received`. */
export const eventNamePrefix = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_.]+$/, 'lower-case letters, digits, "_" and "."');

export const realtimePingFrame = z.strictObject({ type: z.literal('ping') });

/** Narrows the socket to events whose name starts with one of `names`; without `names`, every event again. */
export const realtimeSubscribeFrame = z.strictObject({
  type: z.literal('subscribe'),
  names: z.array(eventNamePrefix).min(1).max(50).optional(),
});

export const realtimeClientFrame = z.discriminatedUnion('type', [realtimePingFrame, realtimeSubscribeFrame]);
export type RealtimeClientFrame = z.infer<typeof realtimeClientFrame>;

/** A committed event of the socket's workspace, as the audit log shows it (without the actor). */
export const realtimeEvent = z.object({
  id: z.string(),
  name: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: timestamp,
});
export type RealtimeEvent = z.infer<typeof realtimeEvent>;

/** Stable codes of error frames. */
export const realtimeErrorCode = z.enum([
  /** Not JSON, a binary frame, an unknown `type` or fields that do not match the frame's schema. */
  'invalid_frame',
  /** A frame over `maxRealtimeFrameBytes`. */
  'frame_too_large',
]);
export type RealtimeErrorCode = z.infer<typeof realtimeErrorCode>;

export const realtimeHelloFrame = z.object({
  type: z.literal('hello'),
  connectionId: z.string(),
  workspaceId: z.string(),
  /** How often the server pings (WebSocket ping control frames); a socket that misses a pong is closed. */
  heartbeatMs: z.number().int().positive(),
  maxFrameBytes: z.number().int().positive(),
});

/** Passing state of a conversation, announced across app processes but never stored. */
export const realtimeSignal = z.discriminatedUnion('kind', [
  /** The customer (chat visitor) or an agent started or stopped typing. */
  z.object({
    kind: z.literal('typing'),
    conversationId: z.string(),
    by: z.enum(['customer', 'agent']),
    userId: z.string().nullable(),
    typing: z.boolean(),
  }),
  /** The chat visitor moved to another page of the site. */
  z.object({ kind: z.literal('page'), conversationId: z.string(), url: z.string(), title: z.string() }),
]);
export type RealtimeSignal = z.infer<typeof realtimeSignal>;

export const realtimeServerFrame = z.discriminatedUnion('type', [
  realtimeHelloFrame,
  z.object({ type: z.literal('event'), event: realtimeEvent }),
  z.object({ type: z.literal('pong') }),
  /** The answer to `subscribe`: the prefixes now in force (`null`: every event). */
  z.object({ type: z.literal('subscribed'), names: z.array(z.string()).nullable() }),
  z.object({ type: z.literal('error'), code: realtimeErrorCode, message: z.string() }),
  /** Passing state that is not stored as an event: who is typing in a conversation, the chat visitor's page. */
  z.object({ type: z.literal('signal'), signal: z.lazy(() => realtimeSignal) }),
]);
export type RealtimeServerFrame = z.infer<typeof realtimeServerFrame>;

/**
 * Close codes the server uses: 1001 (server shutting down), 1008 (repeated
 * bad frames), 1009 (a frame far over the limit), and this one when the
 * socket's credentials no longer give access to its workspace (signed out,
 * removed from the workspace, token revoked, another workspace chosen).
 */
export const realtimeAccessLostCloseCode = 4403;
