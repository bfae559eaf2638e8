/**
 * Search folding: the one spelling that stored text and queries are both
 * reduced to, so that a Turkish "İ/ı", a Hungarian "ő/ű", a German "ß/ä" or
 * "ae", and an Uzbek "oʻ/o'/o`" all match what a person types on any keyboard.
 */
const letters: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i', ð: 'd' };
// Apostrophe-like marks: Uzbek oʻ/gʻ (U+02BB), ʼ (U+02BC), ‘ ’ ' ` ´ and the modifier prime.
const apostrophes = /[\u02BB\u02BC\u2018\u2019\u02B9'`´]/g;

export function foldForSearch(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[ßæœøđłþıð]/g, (c) => letters[c] ?? c)
      .replace(apostrophes, '')
      // German transliteration: "Mueller" and "Müller" (folded to "muller") meet as "muller".
      .replace(/([aou])e/g, '$1')
      .replace(/[^\p{L}\p{N}@.+_-]+/gu, ' ')
      .trim()
      .replace(/\s+/g, ' ')
  );
}

/** Words of a query, folded; empty words dropped. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

const foldedParts = new Map<string, string>();

/**
 * foldForSearch of a value that repeats across customers (a given or family
 * name, a company, a tag), remembered: a bulk import folds the same few
 * thousand names a million times.
 */
function foldRepeating(text: string): string {
  let folded = foldedParts.get(text);
  if (folded === undefined) {
    if (foldedParts.size >= 50_000) foldedParts.clear();
    folded = foldForSearch(text);
    foldedParts.set(text, folded);
  }
  return folded;
}

/** Folds each part on its own (the same as folding them joined by spaces) and joins the non-empty ones. */
function foldParts(parts: (string | null | undefined)[]): string {
  let text = '';
  for (const part of parts) {
    const folded = part ? foldRepeating(part) : '';
    if (folded) text = text ? `${text} ${folded}` : folded;
  }
  return text;
}

/** Everything a customer can be found by, folded: names, company, tags, emails, phone digits, channel ids. */
export function buildSearchText(customer: {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  company?: string | null;
  tags?: string[];
  identities: { kind: string; value: string }[];
}): string {
  const words = foldParts([
    customer.givenName,
    customer.middleName,
    customer.familyName,
    customer.company,
    ...(customer.tags ?? []),
  ]);
  const identities = foldForSearch(
    customer.identities.map((i) => (i.kind === 'phone' ? i.value.replace(/\D/g, '') : i.value)).join(' '),
  );
  return words && identities ? `${words} ${identities}` : words || identities;
}

/** The folded name's words, sorted: "Kovács Ádám" and "Adam Kovacs" share the key "adam kovacs". */
export function buildNameKey(customer: {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
}): string {
  const name = foldParts([customer.givenName, customer.middleName, customer.familyName]);
  return name ? name.split(' ').sort().join(' ') : '';
}
