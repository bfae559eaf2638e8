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
 * Outlook's reference-message container. Outlook's history without a
 * container starts at a separator instead (see startsQuotedHistory).
 */
export function holdsQuotedHistory(tagName: string, attributes: Record<string, string>): boolean {
  if (tagName === 'blockquote' && (attributes.type ?? '').trim().toLowerCase() === 'cite') return true;
  if (tagName !== 'div') return false;
  if ((attributes.class ?? '').split(/\s+/).some((name) => quoteClasses.has(name))) return true;
  return quoteIds.has((attributes.id ?? '').trim());
}

/**
 * The attribute's value, between the two passes of sanitizeEmailHtml only, on
 * a separator that starts quoted history (see startsQuotedHistory). A sender
 * cannot write it: the inbound pass drops every quotedHistoryAttribute of the
 * mail and sets only its own.
 */
export const quotedHistoryStartMark = 'start';

// Outlook on the web's and Outlook mobile's "From:/Sent:/To:" block.
const separatorIds = new Set(['divRplyFwdMsg']);
// Classic Outlook's "From:" block has a 1pt solid top border in one of these colours (#B5C4DF: older versions).
const separatorBorderColors = new Set(['#e1e1e1', '#b5c4df']);

/** The declarations of a raw style attribute, lowercased, each value's words in a set. */
function styleWords(style: string): Map<string, Set<string>> {
  const declarations = new Map<string, Set<string>>();
  for (const declaration of style.toLowerCase().split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const words = declaration
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    declarations.set(declaration.slice(0, colon).trim(), new Set(words));
  }
  return declarations;
}

function hasWords(words: Set<string> | undefined, ...wanted: string[]): boolean {
  return words !== undefined && wanted.every((word) => words.has(word));
}

/**
 * Whether a tag of an inbound email's raw HTML is the separator above a
 * quoted history whose messages follow it as siblings, with no container:
 * classic Outlook's header block (a div with a 1pt solid #E1E1E1 or #B5C4DF
 * top border), Outlook on the web's and Outlook mobile's line
 * (`<hr style="display:inline-block;width:98%" tabindex="-1">`) and
 * `<div id="divRplyFwdMsg">` header. Found by structure, never by the
 * "From:" or "Feladó:" of the header, which is in the sender's language.
 */
export function startsQuotedHistory(tagName: string, attributes: Record<string, string>): boolean {
  const style = styleWords(attributes.style ?? '');
  if (tagName === 'hr') {
    const isInline = hasWords(style.get('display'), 'inline-block') && hasWords(style.get('width'), '98%');
    return isInline && (attributes.tabindex ?? '').trim() === '-1';
  }
  if (tagName !== 'div') return false;
  if (separatorIds.has((attributes.id ?? '').trim())) return true;
  const border = style.get('border-top');
  const isThin = hasWords(border, '1pt') || hasWords(border, '1.0pt');
  return isThin && hasWords(border, 'solid') && [...separatorBorderColors].some((color) => hasWords(border, color));
}

interface OpenElement {
  /** It is marked, or inside a marked element. */
  isHistory: boolean;
  /** Its children from here on are history: a separator came among them, or inside one of them. */
  isRestHistory: boolean;
}

/**
 * Follows the elements of HTML that sanitizeEmailHtml's inbound pass wrote,
 * as a parser opens and closes them (its onOpenTag and onCloseTag), and tells
 * whether the element opened last is quoted history: marked by that pass
 * already, or the first separator (quotedHistoryStartMark) outside marked
 * history, or anything after it: its following siblings and those of each of
 * its ancestors, text among them in a marked span. So the history folds with
 * no container around it, and isFoldableReply still decides whether there is
 * a reply above it. A separator inside marked history (Outlook's history
 * quoted by Gmail) starts nothing: what the sender wrote below that history
 * stays an answer below the quote. Only for HTML whose marks the sanitizer
 * wrote: the marks it reads are trusted.
 */
export class QuotedHistoryTracker {
  private readonly open: OpenElement[] = [{ isHistory: false, isRestHistory: false }];
  /** Whether the element opened last gets quotedHistoryMark. */
  isMarked = false;

  /** An element opens, with its attributes as the parser read them. */
  enter(attributes: Record<string, string>): void {
    const parent = this.open[this.open.length - 1] ?? { isHistory: false, isRestHistory: false };
    const mark = attributes[quotedHistoryAttribute];
    if (mark === quotedHistoryStartMark && !parent.isHistory) parent.isRestHistory = true;
    this.isMarked = mark === quotedHistoryMark || (parent.isRestHistory && !parent.isHistory);
    this.open.push({ isHistory: parent.isHistory || this.isMarked, isRestHistory: false });
  }

  /** Escaped text as the output holds it: in a marked span when it is history that no marked element holds. */
  textOf(escapedText: string): string {
    const parent = this.open[this.open.length - 1];
    const isLoose = parent !== undefined && parent.isRestHistory && !parent.isHistory && escapedText.trim() !== '';
    return isLoose ? `<span ${quotedHistoryAttribute}="${quotedHistoryMark}">${escapedText}</span>` : escapedText;
  }

  /** The element opened last and not closed yet closes. */
  leave(): void {
    if (this.open.length === 1) return;
    const element = this.open.pop();
    const parent = this.open[this.open.length - 1];
    if (element?.isRestHistory && parent) parent.isRestHistory = true;
  }
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
