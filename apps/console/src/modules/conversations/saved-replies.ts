import type { SavedReply } from '@rapport/contracts';

/** Saved replies whose name contains the query (any case, accents as typed), in their order. */
export function matchSavedReplies(replies: readonly SavedReply[], query: string, locale: string): SavedReply[] {
  const needle = query.trim().toLocaleLowerCase(locale);
  if (!needle) return [...replies];
  return replies.filter((reply) => reply.name.toLocaleLowerCase(locale).includes(needle));
}

/**
 * Puts `insert` in place of the selection [start, end) of `text`, with a
 * space where it would otherwise run into a word; returns the
 * new text and where the caret goes (after the insert).
 */
export function insertAtCursor(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const before = text.slice(0, from);
  const after = text.slice(to);
  const lead = before && !/\s$/.test(before) ? ' ' : '';
  const trail = /^[\p{L}\p{N}]/u.test(after) ? ' ' : '';
  const next = `${before}${lead}${insert}${trail}${after}`;
  return { text: next, caret: before.length + lead.length + insert.length };
}
