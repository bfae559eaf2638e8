import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import {
  simpleParser,
  type AddressObject,
  type Attachment,
  type HeaderValue,
  type Headers,
  type StructuredHeader,
} from 'mailparser';
import { convert } from 'html-to-text';
import { AppError, type ErrorCode } from '../../../../platform/errors.js';
import { controlCharacters, safeContentType, safeFileName } from '../../../../platform/file-names.js';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

export interface EmailAddress {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

export interface ParsedAttachment {
  /** No path separators or control characters, at most 200 characters, never empty. */
  fileName: string;
  contentType: string;
  size: number;
  /** Without <>, for inline images referenced as cid:. */
  contentId: string | null;
  /** The HTML body shows it (cid:), so it need not be listed with the attachments. */
  isInline: boolean;
  content: Buffer;
}

/** Why a message must never get an automatic answer; null for mail a person wrote. */
export type AutomatedKind = 'auto_submitted' | 'auto_reply' | 'bulk' | 'bounce';

export interface ParsedEmail {
  /** Without <>; null when missing or unusable (the caller then makes one). */
  messageId: string | null;
  inReplyTo: string[];
  /** The last 100 ids of References, oldest first, without <>. */
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Decoded, trimmed, single line. */
  subject: string;
  date: Date | null;
  /** The first tag of Content-Language, if any. */
  language: string | null;
  /** The text part, or text made from the HTML part; "\n" line ends. */
  text: string;
  /** Sanitized by sanitizeEmailHtml; null when the mail had no HTML part. */
  html: string | null;
  hasRemoteImages: boolean;
  attachments: ParsedAttachment[];
  automated: AutomatedKind | null;
}

// Registered in platform/errors.ts with the rest of the email channel; the double cast keeps this file
// compiling until then and can go once it is.
const invalidEmailMessage: ErrorCode = 'invalid_email_message';

const maxReferences = 100;
const maxIdLength = 998;

const controlsExceptLineBreaks = /[^\P{Cc}\n\t]/gu;

/** The headers, with each raw 8-bit line that is not UTF-8 decoded from the message's declared charset. */
function decodeRawHeaderBytes(source: Buffer): Buffer {
  const ends = [source.indexOf('\r\n\r\n'), source.indexOf('\n\n')].filter((index) => index >= 0);
  const headerEnd = ends.length > 0 ? Math.min(...ends) : source.length;
  const header = source.subarray(0, headerEnd);
  if (!header.some((byte) => byte >= 0x80) || isUtf8(header)) return source;
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(source.subarray(0, 65_536).toString('latin1'))?.[1];
  const charset =
    declared && iconv.encodingExists(declared) && !/^(?:utf-?8|us-ascii)$/i.test(declared) ? declared : 'windows-1252';
  const lines: Buffer[] = [];
  let start = 0;
  while (start < headerEnd) {
    const newline = header.indexOf(0x0a, start);
    const end = newline < 0 ? headerEnd : newline + 1;
    const line = header.subarray(start, end);
    lines.push(isUtf8(line) ? line : Buffer.from(iconv.decode(line, charset), 'utf8'));
    start = end;
  }
  return Buffer.concat([...lines, source.subarray(headerEnd)]);
}

async function readAll(source: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function headerText(headers: Headers, name: string): string | null {
  const value: HeaderValue | undefined = headers.get(name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim();
  if (first && typeof first === 'object' && 'value' in first && typeof first.value === 'string') return first.value;
  return null;
}

function rawHeader(headerLines: ReadonlyArray<{ key: string; line: string }>, name: string): string | null {
  const entry = headerLines.find((header) => header.key === name);
  return entry
    ? entry.line
        .slice(entry.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]/g, ' ')
        .trim()
    : null;
}

function singleLine(value: string): string {
  return value.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
}

function toAddresses(objects: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const entries = [objects ?? []].flat().flatMap((object) => object.value);
  const mailboxes = entries.flatMap((entry) => (entry.group ? entry.group : [entry]));
  const seen = new Set<string>();
  return mailboxes.flatMap((mailbox) => {
    const address = (mailbox.address ?? '').trim().toLowerCase();
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address) || address.length > 320 || /\p{Cc}/u.test(address)) return [];
    if (seen.has(address)) return [];
    seen.add(address);
    const name = singleLine(mailbox.name);
    return [{ address, name: name === '' ? null : name }];
  });
}

/** The Message-IDs in a header, without <>: ids lose folding whitespace; junk and comments are skipped. */
function messageIds(value: string | string[] | undefined): string[] {
  const text = [value ?? []].flat().join(' ');
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)].map((match) => match[1] ?? '');
  const candidates = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/).filter((token) => token.includes('@'));
  const ids = candidates
    .map((id) => id.replace(/\s+/g, ''))
    .filter((id) => id !== '' && id.length <= maxIdLength && !/\p{Cc}/u.test(id));
  return [...new Set(ids)];
}

function parseDate(raw: string | null): Date | null {
  if (raw === null) return null;
  // mailparser turns an unreadable Date into "now"; the raw header tells the two apart.
  const date = new Date(raw.replace(/\([^()]*\)/g, ' ').trim());
  // Date.parse reads "1" or "May" as some year; a mail's date names a year this side of 1970 and 2200.
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < 1970 || year > 2200 || !/\d{4}|\d{1,2}:\d{2}/.test(raw) ? null : date;
}

function parseLanguage(raw: string | null): string | null {
  const tag = raw?.split(',')[0]?.trim() ?? '';
  return /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i.test(tag) ? tag : null;
}

function toAttachment(attachment: Attachment, html: string): ParsedAttachment {
  const contentType = safeContentType(attachment.contentType);
  const contentId = (attachment.contentId ?? '').replace(/^\s*<|>\s*$/g, '').trim();
  const usable = contentId !== '' && contentId.length <= maxIdLength && !/[\s\p{Cc}]/u.test(contentId);
  const lowerHtml = html.toLowerCase();
  const referenced = (id: string) => lowerHtml.includes(`cid:${id}`) || lowerHtml.includes(`cid:${encodeURI(id)}`);
  return {
    fileName: safeFileName(attachment.filename, contentType),
    contentType,
    size: attachment.content.length,
    contentId: usable ? contentId : null,
    isInline: usable && referenced(contentId.toLowerCase()),
    content: attachment.content,
  };
}

function structuredHeader(value: HeaderValue | undefined): StructuredHeader | null {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return null;
  return 'params' in value && typeof value.value === 'string' ? (value as StructuredHeader) : null;
}

/** Tells mail that no one typed (bounces, auto-replies, lists) from mail a person wrote. */
function automatedKind(headers: Headers, returnPath: string | null, from: EmailAddress | null): AutomatedKind | null {
  const report = structuredHeader(headers.get('content-type'));
  const isReport = report?.value.toLowerCase() === 'multipart/report';
  const isDaemon = /^(?:mailer-daemon|postmaster)@/.test(from?.address ?? '');
  if ((isReport && report?.params['report-type']?.toLowerCase() === 'delivery-status') || headers.has('x-failed-recipients')) {
    return 'bounce';
  }
  if (isDaemon && returnPath !== null && /^<\s*>$/.test(returnPath)) return 'bounce';
  const autoSubmitted = headerText(headers, 'auto-submitted')?.toLowerCase() ?? 'no';
  const precedence = headerText(headers, 'precedence')?.toLowerCase() ?? '';
  if (autoSubmitted.startsWith('auto-replied') || precedence === 'auto_reply') return 'auto_reply';
  if (['x-autoreply', 'x-autorespond', 'x-autoreply-from', 'x-mail-autoreply'].some((name) => headers.has(name))) {
    return 'auto_reply';
  }
  if (!autoSubmitted.startsWith('no') || isReport || isDaemon) return 'auto_submitted';
  // A null return path is how RFC 3834 asks automatic senders to mark their mail.
  if (returnPath !== null && /^<\s*>$/.test(returnPath)) return 'auto_submitted';
  const list = headers.get('list');
  if (['bulk', 'list', 'junk'].includes(precedence) || (list && typeof list === 'object' && 'id' in list)) return 'bulk';
  return null;
}

// Past this many characters the text made from HTML is cut short (the sanitized HTML keeps everything).
const maxHtmlLengthForText = 2_000_000;

/** The text part, or else text made from the sanitized HTML (so no stripped link or image address shows up). */
function plainText(text: string | undefined, sanitizedHtml: string | null): string {
  let source = text ?? '';
  if (source.trim() === '' && sanitizedHtml !== null) {
    source = convert(sanitizedHtml, {
      wordwrap: false,
      limits: { maxInputLength: maxHtmlLengthForText, maxDepth: 200 },
      selectors: [
        { selector: 'img', format: 'skip' },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ],
    });
  }
  return source
    .replace(/\r\n?/g, '\n')
    .replace(controlsExceptLineBreaks, '')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}

/**
 * Turns raw RFC 5322 bytes into a safe, normalized message: MIME structure and charsets (ISO-8859-*,
 * Windows-125x, KOI8, UTF-8; raw 8-bit headers are read in the message's declared charset) decoded by
 * mailparser, addresses lower-cased, ids without <>, the HTML sanitized with sanitizeEmailHtml, attachment
 * names made safe, and automated mail (bounces, auto-replies, lists) flagged. Malformed mail never throws:
 * missing or broken parts come back empty or null. A stream is read to its end first.
 * Throws invalid_email_message when the input is not an email at all (empty or blank, no header field) or
 * is past mailparser's limits (a header block over 1 MB, over 1,000 MIME parts); details.reason says which.
 */
export async function parseEmail(source: Buffer | NodeJS.ReadableStream): Promise<ParsedEmail> {
  const raw = Buffer.isBuffer(source) ? source : await readAll(source);
  if (!raw.some((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a)) {
    throw new AppError(invalidEmailMessage, 'The message is empty.', { reason: 'empty' });
  }
  const mail = await simpleParser(decodeRawHeaderBytes(raw), { keepCidLinks: true, skipHtmlToText: true }).catch(
    (error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'EMAXLEN') {
        throw new AppError(invalidEmailMessage, error.message, { reason: 'limits_exceeded' });
      }
      throw error;
    },
  );
  const headerLines = mail.headerLines ?? [];
  if (!headerLines.some((header) => header.key !== '')) {
    throw new AppError(invalidEmailMessage, 'The message has no header fields.', { reason: 'no_headers' });
  }
  const rawHtml = typeof mail.html === 'string' ? mail.html : null;
  const sanitized = rawHtml === null ? null : sanitizeEmailHtml(rawHtml);
  const from = toAddresses(mail.from)[0] ?? null;
  return {
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references).slice(-maxReferences),
    from,
    replyTo: toAddresses(mail.replyTo),
    to: toAddresses(mail.to),
    cc: toAddresses(mail.cc),
    subject: singleLine(mail.subject ?? ''),
    date: parseDate(rawHeader(headerLines, 'date')),
    language: parseLanguage(headerText(mail.headers, 'content-language')),
    text: plainText(mail.text, sanitized?.html ?? null),
    html: sanitized?.html ?? null,
    hasRemoteImages: sanitized?.hasRemoteImages ?? false,
    attachments: mail.attachments.map((attachment) => toAttachment(attachment, sanitized?.html ?? '')),
    automated: automatedKind(mail.headers, rawHeader(headerLines, 'return-path'), from),
  };
}
