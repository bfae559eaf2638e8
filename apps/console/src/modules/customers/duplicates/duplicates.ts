import type { CustomerSummary } from '@rapport/contracts';

/**
 * A likely duplicate as `GET /customers/duplicates` and
 * `GET /customers/{id}/duplicates` return it. (The server declares the shape
 * in its routes only; contracts has no schema for it yet.)
 */
export interface DuplicatePair {
  customer: CustomerSummary;
  duplicate: CustomerSummary;
  /** same_name: the same name words in any order, accents ignored. */
  reason: 'same_name';
  score: number;
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
