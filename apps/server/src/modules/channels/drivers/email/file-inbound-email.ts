import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelRow, DB } from '@rapport/db';
import type { FileStore } from '../../../../platform/file-store.js';
import { receiveMessage, type ReceivedMessage } from '../../../conversations/receive-message.js';
import { recordBounce } from '../../../conversations/record-bounce.js';
import type { ParsedEmail } from './parse-email.js';
import { numberInSubject } from './email-driver.js';
import { quotedTextStart } from './quoted-text.js';

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

/** The Message-IDs a delivery report is about: those in its returned headers or message, not its own. */
export function bouncedMessageIds(parsed: ParsedEmail): string[] {
  const returned = parsed.attachments
    .filter((a) => /^(text\/rfc822-headers|message\/rfc822|message\/global|message\/global-headers)$/i.test(a.contentType))
    .map((a) => a.content.toString('utf8', 0, Math.min(a.content.length, 64 * 1024)));
  const ids = new Set<string>();
  for (const text of [...returned, parsed.text])
    for (const match of text.matchAll(/^Message-ID:\s*<([^>\s]+)>/gim)) if (match[1] !== parsed.messageId) ids.add(match[1]!);
  return [...ids];
}

/** "5.1.1 nobody@example.com: user unknown": what a delivery report says went wrong. */
export function bounceReason(parsed: ParsedEmail): string {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(parsed.text)?.[1]?.trim();
  const recipient = field('Final-Recipient')?.replace(/^rfc822;\s*/i, '');
  return [field('Status'), recipient, field('Diagnostic-Code')].filter(Boolean).join(' ') || parsed.subject;
}

/**
 * Files an inbound email as a message of the channel's workspace through
 * `receiveMessage`: the one path for SMTP and IMAP, so threading (headers,
 * the plus-address's reply token, the subject's "[#1042]"), customer matching,
 * deduplication by Message-ID, the quoted history marked for folding and
 * automatic acknowledgements are the same whichever way the mail came. A bounce of one of our replies marks that
 * reply failed instead. Idempotent: a message filed before comes back with
 * `isDuplicate`.
 */
export async function fileInboundEmail(db: Kysely<DB>, files: FileStore, email: InboundEmail): Promise<ReceivedMessage> {
  const { parsed } = email;
  if (parsed.automated === 'bounce') {
    const bounced = await recordBounce(db, email.channel.workspace_id, bouncedMessageIds(parsed), bounceReason(parsed));
    if (bounced) return bounced;
  }
  return receiveMessage(db, files, {
    channel: email.channel,
    from: { value: email.sender.toLowerCase(), name: parsed.from?.name ?? null },
    externalId: inboundExternalId(email.raw, parsed),
    inReplyTo: [...parsed.inReplyTo, ...[...parsed.references].reverse()],
    replyToken: email.replyToken,
    conversationNumber: numberInSubject(parsed.subject),
    subject: parsed.subject,
    text: parsed.text,
    quoteStart: quotedTextStart(parsed.text),
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
