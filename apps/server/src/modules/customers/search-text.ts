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

/** Everything a customer can be found by, folded: names, company, tags, emails, phone digits, channel ids. */
export function buildSearchText(customer: {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  company?: string | null;
  tags?: string[];
  identities: { kind: string; value: string }[];
}): string {
  const parts = [customer.givenName, customer.middleName, customer.familyName, customer.company, ...(customer.tags ?? [])];
  for (const identity of customer.identities) {
    parts.push(identity.kind === 'phone' ? identity.value.replace(/\D/g, '') : identity.value);
  }
  return foldForSearch(parts.filter(Boolean).join(' '));
}

/** The folded name's words, sorted: "Kovács Ádám" and "Adam Kovacs" share the key "adam kovacs". */
export function buildNameKey(customer: {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
}): string {
  return searchTerms([customer.givenName, customer.middleName, customer.familyName].filter(Boolean).join(' ')).sort().join(' ');
}
