/** Names and types of files people send (email attachments, files agents attach), made safe to store and serve. */

const maxFileNameLength = 200;

/** C0 and C1 controls, and the bidi overrides that make "invoice‮fdp.exe" read as "invoiceexe.pdf". */
export const controlCharacters = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const extensionOf: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
  'text/rfc822-headers': '.txt',
};

/**
 * A MIME type that is safe to store and send on: "type/subtype" in lower case, without parameters; anything else
 * (missing, malformed) is application/octet-stream.
 */
export function safeContentType(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : 'application/octet-stream';
}

/**
 * A file name that is safe to store and to offer for download: the last path segment, without control
 * characters and characters Windows refuses, capped at 200 characters (keeping the extension); "attachment.pdf"
 * (by the type) when nothing usable is left.
 */
export function safeFileName(name: string | undefined, contentType: string): string {
  const segments = (name ?? '').normalize('NFC').replace(controlCharacters, '').split(/[/\\]/);
  const cleaned = (segments.at(-1) ?? '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (cleaned === '' || /^\.+$/.test(cleaned)) return `attachment${extensionOf[contentType] ?? ''}`;
  if (cleaned.length <= maxFileNameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  // Cut whole code points, never half a surrogate pair.
  let stem = '';
  for (const character of cleaned.slice(0, cleaned.length - extension.length)) {
    if (stem.length + character.length + extension.length > maxFileNameLength) break;
    stem += character;
  }
  return stem.trimEnd() + extension;
}
