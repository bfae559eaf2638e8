import sanitizeHtml from 'sanitize-html';
import {
  hasQuotedHistory,
  holdsQuotedHistory,
  isFoldableReply,
  quotedHistoryAttribute,
  quotedHistoryMark,
  quotedHistoryStartMark,
  QuotedHistoryTracker,
  startsQuotedHistory,
} from './quoted-html.js';

export interface SanitizedHtml {
  html: string;
  hasRemoteImages: boolean;
}

/** Where a disabled remote image keeps its address until an agent allows remote images. */
const remoteSourceAttribute = 'data-remote-src';

// prettier-ignore
const allowedTags = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
  'col', 'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time',
  'tr', 'tt', 'u', 'ul', 'wbr',
];

// Elements whose content is code, fallback markup or metadata rather than text for a person to read. Only
// those a browser also reads as raw text up to their end tag (or never shows): an unclosed <svg> must not
// swallow the rest of the mail.
const nonTextTags = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'title',
  'template',
  'xmp',
  'noembed',
  'noframes',
  'iframe',
];

const number = /^\d{1,4}$/;
const length = /^\d{1,4}(?:\.\d{1,2})?(?:%|px)?$/i;
const colorValue = /^(?:#[0-9a-f]{3,8}|[a-z]{3,20})$/i;

/** Every attribute that survives, with the only values it may have; `null` means any text (it is escaped). */
const attributeRules: Record<string, RegExp | null> = {
  style: null, // filtered declaration by declaration in filterStyle
  dir: /^(?:ltr|rtl|auto)$/i,
  lang: /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i,
  title: null,
  alt: null,
  href: null, // checked by safeLinkHref
  target: /^_blank$/,
  rel: /^noopener noreferrer nofollow$/,
  src: null, // checked by imageAttributes
  [remoteSourceAttribute]: null,
  align: /^(?:left|right|center|justify|top|middle|bottom)$/i,
  valign: /^(?:top|middle|bottom|baseline)$/i,
  width: length,
  height: length,
  border: number,
  cellpadding: number,
  cellspacing: number,
  bgcolor: colorValue,
  color: colorValue,
  size: /^[+-]?[1-7]$/,
  colspan: number,
  rowspan: number,
  span: number,
  start: number,
  value: number,
  type: /^(?:1|a|i|disc|circle|square)$/i,
  nowrap: /^(?:nowrap)?$/i,
  datetime: /^[\d:.+\-TZ ]{1,40}$/,
};

const blockAttributes = ['align'];
const cellAttributes = ['width', 'height', 'align', 'valign', 'bgcolor', 'colspan', 'rowspan', 'nowrap'];
const allowedAttributes: Record<string, string[]> = {
  '*': ['style', 'dir', 'lang', 'title', quotedHistoryAttribute],
  a: ['href', 'target', 'rel'],
  img: ['src', remoteSourceAttribute, 'alt', 'width', 'height', 'border', 'align'],
  table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'align', 'bgcolor'],
  tr: ['align', 'valign', 'bgcolor'],
  td: cellAttributes,
  th: cellAttributes,
  col: ['span', 'width', 'align', 'valign'],
  colgroup: ['span', 'width', 'align', 'valign'],
  ol: ['start', 'type'],
  ul: ['type'],
  li: ['value'],
  font: ['color', 'size'],
  time: ['datetime'],
  p: blockAttributes,
  div: blockAttributes,
  h1: blockAttributes,
  h2: blockAttributes,
  h3: blockAttributes,
  h4: blockAttributes,
  h5: blockAttributes,
  h6: blockAttributes,
};

const styleProperties = new Set(
  ['color', 'background-color', 'font-weight', 'font-style', 'text-decoration', 'text-align', 'width', 'height']
    .concat(
      ['margin', 'padding', 'border'].flatMap((box) => [
        box,
        ...['top', 'right', 'bottom', 'left'].map((side) => `${box}-${side}`),
      ]),
    )
    .concat(['border-color', 'border-style', 'border-width']),
);
// Words, numbers, #colours and rgb()/hsl() only, separated by spaces or commas: there is no way to spell
// url(, expression(, image-set(, a CSS escape or a scheme with these characters. One separator between
// tokens keeps the match linear.
const styleToken = String.raw`(?:(?:rgba?|hsla?)\([-+\d\s.,%/]*\)|[-+.#%\w]+)`;
const styleValue = new RegExp(String.raw`^${styleToken}(?:(?:\s*,\s*|\s+)${styleToken})*$`);

/** Keeps the allowlisted declarations of a style attribute whose values are plain words, numbers and colours. */
function filterStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (styleProperties.has(property) && value.length <= 200 && styleValue.test(value)) {
      kept.push(`${property}: ${value}`);
    }
  }
  return kept.join('; ');
}

function parseAbsoluteUrl(value: string): URL | null {
  try {
    return new URL(value.trim());
  } catch {
    return null;
  }
}

function safeLinkHref(href: string): string | null {
  const url = parseAbsoluteUrl(href);
  return url && ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.href : null;
}

function safeRemoteImageUrl(src: string): string | null {
  const url = parseAbsoluteUrl(src);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

// Inline images only in formats browsers never run script from (no SVG).
const inlineImage = /^data:image\/(?:png|jpeg|jpg|gif|webp);base64,[a-z0-9+/]+=*$/i;

interface CleanPolicy {
  /**
   * Inbound html moves every remote src aside and finds the quoted history (when markQuotes); stored html keeps
   * what the inbound pass decided, or extends it after a separator with the history tracker.
   */
  stage: 'inbound' | 'stored';
  markQuotes?: boolean;
  history?: QuotedHistoryTracker;
  allowRemote: boolean;
  urlOf?: (contentId: string) => string | null;
}

function decodeContentId(reference: string): string {
  try {
    return decodeURIComponent(reference);
  } catch {
    return reference;
  }
}

function resolvedUrl(url: string | null): string | null {
  if (url === null) return null;
  // An inline image embedded by the caller (a sandboxed frame cannot fetch attachments with the agent's cookie).
  if (inlineImage.test(url)) return url;
  // Attachment download urls are absolute http(s) or a path on our own origin.
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  return safeRemoteImageUrl(url);
}

/** Decides the src (and the parked remote src) of one image. */
function imageSources(attributes: Record<string, string>, policy: CleanPolicy): Record<string, string> {
  const src = (attributes.src ?? '').trim();
  const parked = policy.stage === 'stored' ? safeRemoteImageUrl(attributes[remoteSourceAttribute] ?? '') : null;
  if (parked !== null) return policy.allowRemote ? { src: parked } : { [remoteSourceAttribute]: parked };
  if (/^cid:/i.test(src)) {
    if (!policy.urlOf) return { src };
    const url = resolvedUrl(policy.urlOf(decodeContentId(src.slice(4))));
    return url === null ? {} : { src: url };
  }
  const compact = src.replace(/\s+/g, '');
  if (inlineImage.test(compact)) return { src: compact };
  const remote = safeRemoteImageUrl(src);
  if (remote !== null) {
    return policy.stage === 'inbound' && !policy.allowRemote ? { [remoteSourceAttribute]: remote } : { src: remote };
  }
  if (policy.stage === 'stored' && resolvedUrl(src) !== null) return { src };
  return {};
}

/** The quotedHistoryAttribute a tag gets: the input's own only when the sanitizer wrote it (stored html). */
function quotedHistoryMarkOf(tagName: string, attributes: Record<string, string>, policy: CleanPolicy): string | null {
  if (policy.stage === 'stored') {
    const isQuote = policy.history ? policy.history.isMarked : quotedHistoryAttribute in attributes;
    return isQuote ? quotedHistoryMark : null;
  }
  if (policy.markQuotes !== true) return null;
  if (holdsQuotedHistory(tagName, attributes)) return quotedHistoryMark;
  return startsQuotedHistory(tagName, attributes) ? quotedHistoryStartMark : null;
}

/** Keeps only the allowlisted attributes of a tag with allowed values, links and images made safe. */
function cleanAttributes(tagName: string, attributes: Record<string, string>, policy: CleanPolicy): Record<string, string> {
  const allowed = new Set([...(allowedAttributes['*'] ?? []), ...(allowedAttributes[tagName] ?? [])]);
  const cleaned: Record<string, string> = {};
  const mark = quotedHistoryMarkOf(tagName, attributes, policy);
  if (mark !== null) cleaned[quotedHistoryAttribute] = mark;
  for (const [name, value] of Object.entries(attributes)) {
    if (!allowed.has(name) || name === 'src' || name === remoteSourceAttribute || name === quotedHistoryAttribute) continue;
    const rule = attributeRules[name];
    if (rule === undefined || (rule !== null && !rule.test(value.trim()))) continue;
    if (name === 'style') {
      const style = filterStyle(value);
      if (style) cleaned.style = style;
    } else if (name === 'href') {
      const href = safeLinkHref(value);
      if (href !== null) Object.assign(cleaned, { href, target: '_blank', rel: 'noopener noreferrer nofollow' });
    } else if (name !== 'target' && name !== 'rel') {
      cleaned[name] = rule === null ? value : value.trim();
    }
  }
  return tagName === 'img' ? { ...cleaned, ...imageSources(attributes, policy) } : cleaned;
}

// Tags that never nest (void) or that the parser closes by itself when a sibling opens.
const nonNestingTags = new Set(
  ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'].concat([
    'p',
    'li',
    'dt',
    'dd',
    'tr',
    'td',
    'th',
    'option',
  ]),
);
const maxNesting = 200;

/**
 * Drops the tags nested deeper than maxNesting (their text stays) before the HTML parser sees them: the parser
 * slows down superlinearly on deep nesting, and a mail of 100,000 nested divs would hold the event loop for
 * seconds. One linear pass; "[^<>]" keeps a "<" without its ">" from rescanning the rest of the input.
 */
function limitNesting(html: string): string {
  const tag = /<(\/?)([a-z][a-z0-9-]*)\b[^<>]*>/gi;
  let depth = 0;
  let deepest = 0;
  const visit = (match: string, closing: string, name: string, keep: boolean): string => {
    if (nonNestingTags.has(name.toLowerCase()) || match.endsWith('/>')) return match;
    if (closing) {
      depth = Math.max(0, depth - 1);
      return depth >= maxNesting && !keep ? '' : match;
    }
    depth += 1;
    deepest = Math.max(deepest, depth);
    return depth > maxNesting && !keep ? '' : match;
  };
  html.replace(tag, (match, closing: string, name: string) => visit(match, closing, name, true));
  if (deepest <= maxNesting) return html;
  depth = 0;
  return html.replace(tag, (match, closing: string, name: string) => visit(match, closing, name, false));
}

function clean(html: string, policy: CleanPolicy): string {
  return sanitizeHtml(limitNesting(html), {
    allowedTags,
    allowedAttributes,
    nonTextTags,
    disallowedTagsMode: 'discard',
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', remoteSourceAttribute],
    allowProtocolRelative: false,
    // A second guard behind limitNesting, for nesting the parser builds by itself.
    nestingLimit: maxNesting,
    // Styles are filtered by filterStyle: sanitize-html's own CSS parser warns on the console for bad CSS.
    parseStyleAttributes: false,
    // An image left with nothing to show would only be an empty box.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs[remoteSourceAttribute],
    transformTags: {
      '*': (tagName, attributes) => ({ tagName, attribs: cleanAttributes(tagName, attributes, policy) }),
    },
    // The parser's events for every element it opens (just before transformTags of that element) and closes.
    onOpenTag: (_tagName, attributes) => policy.history?.enter(attributes),
    onCloseTag: () => policy.history?.leave(),
    // Its output is not escaped again.
    textFilter: (escapedText) => policy.history?.textOf(escapedText) ?? escapedText,
  });
}

/**
 * Allowlist sanitizer for the HTML of an inbound email: formatting, tables, lists, links (http, https,
 * mailto, tel; opened in a new tab with rel="noopener noreferrer nofollow") and images. No script, style
 * element, event handler, form, iframe, object, embed, svg, math, meta, base or link survives; style
 * attributes keep only colours, font weight and style, text decoration and alignment, margins, padding,
 * borders and sizes, with plain values (never url(), expression() or a scheme). Remote images (http, https)
 * are disabled: their src moves to data-remote-src and hasRemoteImages is true. cid: references and
 * data:image/(png|jpeg|gif|webp) images are kept. The element holding a reply's quoted history (Gmail,
 * Yahoo, Apple Mail, Thunderbird, new Outlook), or Outlook's separator above its history and every element
 * after it (classic Outlook, Outlook on the web and mobile), is marked with data-quoted-history for the
 * message document to fold, when there is a reply above it and nothing below (see isFoldableReply). Never
 * throws.
 */
export function sanitizeEmailHtml(html: string): SanitizedHtml {
  let cleaned = clean(html, { stage: 'inbound', allowRemote: false, markQuotes: true });
  // Output of the inbound pass, with only the marks it wrote: a second pass over its elements marks the history
  // that follows a separator (the sanitizer has no tree to move it into a container).
  if (cleaned.includes(`${quotedHistoryAttribute}="${quotedHistoryStartMark}"`)) {
    cleaned = clean(cleaned, { stage: 'stored', allowRemote: false, history: new QuotedHistoryTracker() });
  }
  if (hasQuotedHistory(cleaned) && !isFoldableReply(cleaned)) cleaned = clean(html, { stage: 'inbound', allowRemote: false });
  return { html: cleaned, hasRemoteImages: containsRemoteImages(cleaned) };
}

/** Whether sanitized html has remote images waiting for allowRemoteImages. */
function containsRemoteImages(sanitizedHtml: string): boolean {
  // Sanitized output escapes "<" in text and ">" in attribute values, so this only matches a real img tag.
  return new RegExp(`<img\\b[^>]*\\s${remoteSourceAttribute}="`).test(sanitizedHtml);
}

/**
 * Re-enables the remote images of stored sanitized html (when an agent clicks "show images"): every
 * data-remote-src that is an http(s) url becomes the src again. The html goes through the same allowlist
 * once more, so it is safe whatever was stored. Never throws.
 */
export function allowRemoteImages(html: string): string {
  return clean(html, { stage: 'stored', allowRemote: true });
}

/**
 * Rewrites the cid: references of stored sanitized html to the urls urlOf returns (the caller maps content
 * ids, percent-decoded and without <>, to attachment download urls or data:image urls of the attachment). An
 * image whose id maps to null, or to anything but an http(s) url, a path on this origin or an inline png, jpeg,
 * gif or webp data url, loses its src. Remote images stay as they were.
 * The html goes through the same allowlist once more. Never throws, unless urlOf does.
 */
export function resolveContentIds(html: string, urlOf: (contentId: string) => string | null): string {
  return clean(html, { stage: 'stored', allowRemote: false, urlOf });
}
