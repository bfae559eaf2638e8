/**
 * Splits a team message into text and links, for safe DOM construction (text nodes and <a> elements built one
 * by one; message text never goes through innerHTML). Only http(s) addresses become links.
 */
export type Segment = { text: string } | { text: string; href: string };

// An address ends before whitespace; trailing punctuation belongs to the sentence, not to the link.
const candidate = /\bhttps?:\/\/[^\s<>"]+/gi;
const trailing = /[.,;:!?)\]}'"»”’]+$/;

export function splitLinks(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    const raw = match[0].replace(trailing, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The normalised address when it parses as http(s), else null. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
