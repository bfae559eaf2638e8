import { z } from 'zod';
import { cursorQuery, id, timestamp } from './common.js';

/** inbound: the customer called; outbound: we called them. */
export const callDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof callDirection>;

/** How a call went. */
export const callOutcome = z.enum(['answered', 'no_answer', 'busy', 'voicemail', 'failed', 'callback_requested']);
export type CallOutcome = z.infer<typeof callOutcome>;

/** Notes typed during a call: long enough for an hour of talking, bounded for the autosave. */
const callNotes = z.string().max(50_000);
const phoneNumber = z.string().trim().min(1).max(40);

/**
 * Log a call. The number may be in any format (national numbers are read in the workspace's country). The
 * customer is `customerId`, else the conversation's, else the one with this phone number, else a new customer with
 * it. The call joins `conversationId` (one of the customer's), else a new conversation in the phone channel.
 */
export const createCallInput = z.strictObject({
  direction: callDirection,
  phoneNumber,
  /** Default: now. */
  startedAt: timestamp.optional(),
  customerId: id.optional(),
  conversationId: id.optional(),
  notes: callNotes.optional(),
});
export type CreateCallInput = z.infer<typeof createCallInput>;

/**
 * Change a call: its notes (the autosave: `notesVersion` is the version the text was based on; a save based on an
 * older version is refused with `call_notes_conflict` and the current text), its end, duration and outcome.
 * Ending a call without a duration computes it from the start.
 */
export const updateCallInput = z
  .strictObject({
    notes: callNotes.optional(),
    notesVersion: z.number().int().min(0).optional(),
    endedAt: timestamp.nullable().optional(),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .nullable()
      .optional(),
    outcome: callOutcome.nullable().optional(),
  })
  .refine((v) => v.notes === undefined || v.notesVersion !== undefined, {
    message: 'notesVersion is required with notes',
    path: ['notesVersion'],
  });
export type UpdateCallInput = z.infer<typeof updateCallInput>;

export const call = z.object({
  id,
  conversationId: id,
  conversationNumber: z.number().int(),
  customer: z.object({ id, displayName: z.string() }).nullable(),
  direction: callDirection,
  /** E.164 when it could be read, else as given. */
  phoneNumber: z.string(),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
  durationSeconds: z.number().int().nullable(),
  outcome: callOutcome.nullable(),
  notes: z.string(),
  /** Send it back with the next notes save. */
  notesVersion: z.number().int(),
  notesSavedAt: timestamp.nullable(),
  agent: z.object({ id, name: z.string() }).nullable(),
  /** The telephony system's id of the call (calls reported by its webhook). */
  externalId: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Call = z.infer<typeof call>;

/** Details of `call_notes_conflict`: the notes as saved meanwhile (by another tab or person). */
export const callNotesConflict = z.object({
  notes: z.string(),
  notesVersion: z.number().int(),
  notesSavedAt: timestamp.nullable(),
});
export type CallNotesConflict = z.infer<typeof callNotesConflict>;

/** Calls newest first, of a customer and/or a conversation. */
export const callListQuery = cursorQuery.extend({
  customerId: id.optional(),
  conversationId: id.optional(),
});
export type CallListQuery = z.infer<typeof callListQuery>;

/**
 * A call as a telephony system reports it (`POST /telephony/{key}/calls`, signed). Sent again with the same
 * `externalId` (ringing, then answered, then ended), it updates the same call. Unknown fields are ignored.
 */
export const telephonyCallInput = z.object({
  externalId: z.string().trim().min(1).max(200),
  direction: callDirection,
  /** The caller's number; the customer's on an inbound call. */
  from: phoneNumber,
  /** The called number; the customer's on an outbound call. */
  to: phoneNumber,
  startedAt: timestamp,
  endedAt: timestamp.nullable().optional(),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .nullable()
    .optional(),
  outcome: callOutcome.nullable().optional(),
});
export type TelephonyCallInput = z.infer<typeof telephonyCallInput>;

/** A phone channel's webhook: where the telephony system posts calls, and the secret it signs them with. */
export const telephonyWebhook = z.object({
  channelId: id,
  /** The path to post to, under the server's public URL. */
  url: z.string(),
  publicKey: z.string(),
  /** HMAC-SHA256 key: `X-Rapport-Signature: t=<unix seconds>,v1=<hex of HMAC("<t>.<raw body>")>`. */
  secret: z.string(),
  /** After a rotation the previous secret is accepted until then. */
  previousSecretExpiresAt: timestamp.nullable(),
  createdAt: timestamp,
  rotatedAt: timestamp.nullable(),
});
export type TelephonyWebhook = z.infer<typeof telephonyWebhook>;
