/** Someone who can be mentioned in a note. */
export interface Mentionable {
  userId: string;
  name: string;
}

/** Letters that carry no combining mark to strip but are typed as a plain Latin letter. */
const plainLetters: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss' };

/** Lower case without accents, so "@dora" finds "Dóra", "@ozge" "Özge" and "@yil" "Yılmaz". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[ıłøđß]/g, (letter) => plainLetters[letter] ?? letter);
}

/** The "@…" being typed just before the caret: where it starts and what follows the "@" (no spaces yet). */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Colleagues whose name (any word of it, accents ignored) starts with the query; every colleague for "@". */
export function matchMentionables<T extends Mentionable>(people: readonly T[], query: string, limit = 8): T[] {
  const folded = foldForSearch(query);
  return people
    .filter((person) => {
      const name = foldForSearch(person.name);
      return name.startsWith(folded) || name.split(/\s+/).some((word) => word.startsWith(folded));
    })
    .slice(0, limit);
}

/** Replaces the "@query" before the caret by "@Full Name " and says where the caret goes. */
export function insertMention(text: string, caret: number, name: string): { text: string; caret: number } {
  const found = mentionQueryAt(text, caret);
  const start = found ? found.start : caret;
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** A character that continues a name ("Kovács-Nagy", "O’Brien"). */
const namePart = /[\p{L}\p{N}'’ʼ-]/u;

/**
 * The colleagues a note mentions: each whose "@Full Name" stands in the text
 * (not inside a longer word or name), in the order of the people list.
 */
export function mentionedIn<T extends Mentionable>(text: string, people: readonly T[]): T[] {
  const folded = foldForSearch(text);
  return people.filter((person) => {
    const mention = `@${foldForSearch(person.name)}`;
    let at = folded.indexOf(mention);
    while (at !== -1) {
      const before = at === 0 ? '' : folded.charAt(at - 1);
      const after = folded.charAt(at + mention.length);
      if (!namePart.test(before) && !namePart.test(after)) return true;
      at = folded.indexOf(mention, at + 1);
    }
    return false;
  });
}
