import type { CustomerSummary, DuplicatePair } from '@rapport/contracts';

export type { DuplicatePair };

/** What a pair's reason is called in the UI: a key under `customers.duplicates.reasons`, and the score to show. */
export interface ReasonLabel {
  key:
    | 'same_email'
    | 'same_phone'
    | 'same_phone_whatsapp'
    | 'same_name'
    | 'same_name_company'
    | 'same_name_country'
    | 'similar_name'
    | 'similar_name_company'
    | 'similar_name_country';
  /** The name similarity (0 to 1) for similar names; null otherwise. */
  score: number | null;
}

/**
 * Why a pair is listed, in words the reviewer can check: which contact they
 * share (a phone of one being a WhatsApp of the other), or for names whether
 * the company or the country is what they have in common.
 */
export function reasonLabel(pair: DuplicatePair): ReasonLabel {
  if (pair.reason === 'same_email') return { key: 'same_email', score: null };
  if (pair.reason === 'same_phone') {
    const kinds = [pair.contact?.customer.kind, pair.contact?.duplicate.kind];
    return { key: kinds.includes('whatsapp') ? 'same_phone_whatsapp' : 'same_phone', score: null };
  }
  const { customer, duplicate } = pair;
  const shared =
    customer.company && customer.company === duplicate.company
      ? 'company'
      : customer.country && customer.country === duplicate.country
        ? 'country'
        : null;
  const key = shared ? (`${pair.reason}_${shared}` as const) : pair.reason;
  return { key, score: pair.reason === 'similar_name' ? pair.score : null };
}

/** Two different spellings of one contact (shown beside the reason); null when both records hold the same value. */
export function contactSpellings(pair: DuplicatePair): [string, string] | null {
  const contact = pair.contact;
  if (!contact || contact.customer.value === contact.duplicate.value) return null;
  return [contact.customer.value, contact.duplicate.value];
}

/** The pairs left after one was dismissed ("not the same person"). */
export function withoutPair(pairs: DuplicatePair[], dismissed: DuplicatePair): DuplicatePair[] {
  const key = pairKey(dismissed);
  return pairs.filter((pair) => pairKey(pair) !== key);
}

/** Pairs of a further page added after the ones shown, each pair once. */
export function appendPairs(shown: DuplicatePair[], more: DuplicatePair[]): DuplicatePair[] {
  const keys = new Set(shown.map(pairKey));
  return [...shown, ...more.filter((pair) => !keys.has(pairKey(pair)))];
}

/** The record created first (the one usually worth keeping); the first one when both are equally old. */
export function olderOf(first: CustomerSummary, second: CustomerSummary): CustomerSummary {
  return Date.parse(second.createdAt) < Date.parse(first.createdAt) ? second : first;
}

/** The two records of a merge: `keep` stays, `source` moves into it. */
export interface MergeChoice {
  keep: CustomerSummary;
  source: CustomerSummary;
}

/** Which record stays when the person chose `keepId` among the two. */
export function mergeChoice(first: CustomerSummary, second: CustomerSummary, keepId: string): MergeChoice {
  return keepId === second.id ? { keep: second, source: first } : { keep: first, source: second };
}

/** The pairs left after a merge: every pair with the merged-away record goes, since that record is gone. */
export function withoutMerged(pairs: DuplicatePair[], sourceId: string): DuplicatePair[] {
  return pairs.filter((pair) => pair.customer.id !== sourceId && pair.duplicate.id !== sourceId);
}

/** A stable key for a pair (the same two customers in either order give the same key). */
export function pairKey(pair: DuplicatePair): string {
  return [pair.customer.id, pair.duplicate.id].sort().join(':');
}
