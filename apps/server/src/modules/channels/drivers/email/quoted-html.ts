import { compile } from 'html-to-text';

/**
 * The attribute the sanitizer puts on the element that holds an HTML email's
 * quoted history, for the message document to fold it (see quoted-text.ts
 * for plain text).
 */
export const quotedHistoryAttribute = 'data-quoted-history';
/** Its value (an empty one would be written as a bare attribute). */
export const quotedHistoryMark = '1';

const quoteClasses = new Set(['gmail_quote', 'gmail_quote_container', 'yahoo_quoted', 'moz-cite-prefix']);
// New Outlook and Outlook on the web put the whole quoted message in one container.
const quoteIds = new Set(['mail-editor-reference-message-container']);

/**
 * Whether a tag of an inbound email's raw HTML holds quoted history: Gmail's
 * and Yahoo's quote containers, Apple Mail's and Thunderbird's
 * `<blockquote type="cite">` (and Thunderbird's "On … wrote:" above it), new
 * Outlook's reference-message container. Classic Outlook writes the quoted
 * message as siblings of its "From:" block, with no container: not folded.
 */
export function holdsQuotedHistory(tagName: string, attributes: Record<string, string>): boolean {
  if (tagName === 'blockquote' && (attributes.type ?? '').trim().toLowerCase() === 'cite') return true;
  if (tagName !== 'div') return false;
  if ((attributes.class ?? '').split(/\s+/).some((name) => quoteClasses.has(name))) return true;
  return quoteIds.has((attributes.id ?? '').trim());
}

/** Marks for each outermost quote container, the reply's text around them: "Thanks!\n\n\u0001". */
const quoteMark = '\u0001';
const textWithMarks = compile({
  wordwrap: false,
  limits: { maxInputLength: 2_000_000, maxDepth: 200 },
  formatters: {
    quotedHistory: (_element, _walk, builder) => builder.addInline(quoteMark),
  },
  selectors: [
    { selector: `[${quotedHistoryAttribute}]`, format: 'quotedHistory' },
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
});

/**
 * Whether sanitized HTML with marked quote containers is a reply above its
 * quoted history, to fold: some text before the first container and none
 * after it. A mail that is all history (a forward), or that answers between
 * or below the quotes, is shown whole: nothing is hidden by guesswork.
 */
export function isFoldableReply(markedHtml: string): boolean {
  const text = textWithMarks(markedHtml);
  const first = text.indexOf(quoteMark);
  if (first < 0) return false;
  return text.slice(0, first).trim() !== '' && text.slice(first).replaceAll(quoteMark, '').trim() === '';
}

const quotedHistoryTag = new RegExp(`<[a-z][a-z0-9]*\\s[^>]*${quotedHistoryAttribute}="${quotedHistoryMark}"`);

/** Whether stored sanitized HTML has a quote container to fold (sanitized text never holds a raw "<"). */
export function hasQuotedHistory(sanitizedHtml: string): boolean {
  // The plain search first: most mail has no mark, and a list of messages asks this of each one.
  return sanitizedHtml.includes(`${quotedHistoryAttribute}="${quotedHistoryMark}"`) && quotedHistoryTag.test(sanitizedHtml);
}

/** A style sheet for the message document that folds the quoted history away. */
export const foldQuotedHistoryStyle = `<style>[${quotedHistoryAttribute}]{display:none}</style>`;
