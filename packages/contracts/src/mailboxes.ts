import { z } from 'zod';
import { timestamp } from './common.js';

/**
 * An existing IMAP mailbox an email channel polls: its mail becomes conversations exactly as mail to Rapport's own
 * SMTP server does. Mail on the server is left untouched (the folder is opened read-only).
 */
export const putChannelMailboxInput = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65535).default(993),
  /** Implicit TLS (IMAPS, port 993). Off: plain IMAP, upgraded with STARTTLS when the server offers it. */
  tls: z.boolean().default(true),
  username: z.string().min(1).max(320),
  /** Required the first time; left out later, the stored one stays. Never returned. */
  password: z.string().min(1).max(1000).optional(),
  folder: z.string().trim().min(1).max(500).default('INBOX'),
  pollIntervalSeconds: z.number().int().min(10).max(86_400).default(60),
  /** Off: the mailbox is kept but not polled (state `disabled`). */
  enabled: z.boolean().default(true),
});
export type PutChannelMailboxInput = z.infer<typeof putChannelMailboxInput>;

/** connecting: not polled successfully yet (or since the settings changed); failing: the last poll failed. */
export const mailboxState = z.enum(['connected', 'connecting', 'failing', 'disabled']);
export type MailboxState = z.infer<typeof mailboxState>;

/**
 * Why the last poll failed. imap_auth_failed: the server refused the user name or password; imap_unreachable: no
 * connection (DNS, refused, timed out, dropped); imap_tls_failed: the TLS handshake or certificate failed;
 * imap_folder_not_found: the folder does not exist; imap_error: the server answered something else unexpected;
 * message_not_stored: a message was read but could not be stored (the database): the next poll tries it again.
 */
export const mailboxErrorCode = z.enum([
  'imap_auth_failed',
  'imap_unreachable',
  'imap_tls_failed',
  'imap_folder_not_found',
  'imap_error',
  'message_not_stored',
]);
export type MailboxErrorCode = z.infer<typeof mailboxErrorCode>;

/** The mailbox settings (without the password) and what the poller last saw. */
export const channelMailbox = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.boolean(),
  username: z.string(),
  /** Whether a password is stored; the password itself is never returned. */
  passwordSet: z.boolean(),
  folder: z.string(),
  pollIntervalSeconds: z.number().int(),
  enabled: z.boolean(),
  state: mailboxState,
  lastSuccessAt: timestamp.nullable(),
  lastError: z.object({ code: mailboxErrorCode, message: z.string(), at: timestamp }).nullable(),
  /** Messages filed from this mailbox so far (a message seen again after a UIDVALIDITY change counts once more). */
  messagesFetched: z.number().int(),
  /** Messages left unfiled: larger than SMTP_MAX_MESSAGE_BYTES, not a message, or without a sender. */
  messagesSkipped: z.number().int(),
  uidValidity: z.string().nullable(),
  lastUid: z.number().int(),
  updatedAt: timestamp,
});
export type ChannelMailbox = z.infer<typeof channelMailbox>;
