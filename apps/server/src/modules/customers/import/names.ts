import type { NameOrder } from '@rapport/contracts';

// Titles written before a name ("Dr. Kovács Ádám", "Herr Prof. Müller") and Turkish/Uzbek ones after it.
const titlesBefore = new Set([
  ...['dr', 'prof', 'mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'dame'],
  ...['ifj', 'id', 'özv', 'özvegy'],
  ...['herr', 'frau', 'dipl', 'ing', 'mag'],
  ...['janob', 'xonim'],
]);
const titlesAfter = new Set(['bey', 'hanım', 'hanim', 'efendi', 'aka', 'opa']);
// Name particles that belong to the family name: "Ludwig van Beethoven", "Anna von der Heide".
const particles = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'zu',
  'da',
  'di',
  'del',
  'della',
  'la',
  'le',
  'du',
  'ten',
  'ter',
  'bin',
  'ibn',
]);

export interface SplitName {
  title: string | null;
  givenName: string | null;
  familyName: string | null;
}

function isTitle(word: string, titles: Set<string>): boolean {
  return titles.has(word.toLocaleLowerCase('tr').replace(/\.$/, '')) || titles.has(word.toLowerCase().replace(/\.$/, ''));
}

/**
 * Splits a whole name from one column into title, given and family name: in
 * the given order ("Kovács Ádám" family first for Hungarian, "Ayşe Yılmaz"
 * given first), or "Family, Given" when written with a comma. Titles before
 * (Dr., Herr, ifj.) or after (Bey, Hanım) the name are taken out.
 */
export function splitFullName(text: string, order: NameOrder): SplitName {
  const comma = text.indexOf(',');
  if (comma > 0) {
    const family = splitFullName(text.slice(0, comma), 'family_first');
    const given = text.slice(comma + 1).trim();
    return { title: family.title, familyName: family.familyName ?? family.givenName, givenName: given || family.givenName };
  }
  const words = text.trim().split(/\s+/).filter(Boolean);
  const titles: string[] = [];
  while (words.length > 1 && isTitle(words[0]!, titlesBefore)) titles.push(words.shift()!);
  while (words.length > 1 && isTitle(words.at(-1)!, titlesAfter)) titles.push(words.pop()!);
  const title = titles.length ? titles.join(' ') : null;
  if (words.length === 0) return { title, givenName: null, familyName: null };
  if (words.length === 1) return { title, givenName: words[0]!, familyName: null };
  if (order === 'family_first') return { title, familyName: words[0]!, givenName: words.slice(1).join(' ') };
  let split = words.length - 1;
  while (split > 1 && particles.has(words[split - 1]!.toLowerCase())) split--;
  return { title, givenName: words.slice(0, split).join(' '), familyName: words.slice(split).join(' ') };
}
