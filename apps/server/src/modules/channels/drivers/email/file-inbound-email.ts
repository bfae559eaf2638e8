import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelRow, DB } from '@rapport/db';
import type { FileStore } from '../../../../platform/file-store.js';
import { receiveMessage, type ReceivedMessage } from '../../../conversations/receive-message.js';
import type { ParsedEmail } from './parse-email.js';

/** One parsed email for one channel, however it came in (SMTP or an IMAP mailbox). */
export interface InboundEmail {
  channel: ChannelRow;
  /** The message as received: a message without a Message-ID is recognised again by these bytes. */
  raw: Buffer;
  parsed: ParsedEmail;
  /** The sender's address (From, else the SMTP envelope's MAIL FROM). */
  sender: string;
  /** The reply token of a plus-address it was sent to ("support+k3v9q2@…"), if any. */
  replyToken: string | null;
}

/** The id a message is filed under: its Message-ID, else one made of its bytes (so a second copy is still recognised). */
export function inboundExternalId(raw: Buffer, parsed: ParsedEmail): string {
  return parsed.messageId ?? `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@no-message-id.invalid`;
}

/**
 * Files an inbound email as a message of the channel's workspace through
 * `receiveMessage`: the one path for SMTP and IMAP, so threading, customer
 * matching, deduplication by Message-ID and automatic acknowledgements are the
 * same whichever way the mail came. Idempotent: a message filed before comes
 * back with `isDuplicate`.
 */
export async function fileInboundEmail(db: Kysely<DB>, files: FileStore, email: InboundEmail): Promise<ReceivedMessage> {
  const { parsed } = email;
  return receiveMessage(db, files, {
    channel: email.channel,
    from: { value: email.sender.toLowerCase(), name: parsed.from?.name ?? null },
    externalId: inboundExternalId(email.raw, parsed),
    inReplyTo: [...parsed.inReplyTo, ...[...parsed.references].reverse()],
    replyToken: email.replyToken,
    subject: parsed.subject,
    text: parsed.text,
    html: parsed.html,
    hasRemoteImages: parsed.hasRemoteImages,
    language: parsed.language,
    envelope: {
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      replyTo: parsed.replyTo,
      subject: parsed.subject,
      date: parsed.date?.toISOString() ?? null,
      ...(parsed.automated ? { automated: parsed.automated } : {}),
    },
    automated: parsed.automated !== null,
    attachments: parsed.attachments,
  });
}
