import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '@rapport/contracts';
import { mergeChoice, olderOf, pairKey, withoutMerged, type DuplicatePair } from './duplicates';

function summary(id: string, displayName: string, createdAt: string): CustomerSummary {
  return {
    id,
    displayName,
    givenName: null,
    familyName: null,
    company: null,
    country: 'HU',
    language: null,
    timeZone: null,
    tags: [],
    createdAt,
    primaryEmail: null,
    primaryPhone: null,
  };
}

const adam = summary('a', 'Kovács Ádám', '2026-11-20T10:00:00Z');
const adamAgain = summary('b', 'Kovacs Adam', '2026-11-24T10:00:00Z');
const eva = summary('c', 'Kiss Éva', '2026-11-22T10:00:00Z');
const pair = (customer: CustomerSummary, duplicate: CustomerSummary): DuplicatePair => ({
  customer,
  duplicate,
  reason: 'same_name',
  score: 1,
});

describe('olderOf', () => {
  it('prefers the record created first, whichever side it is on', () => {
    expect(olderOf(adamAgain, adam)).toBe(adam);
    expect(olderOf(adam, adamAgain)).toBe(adam);
    expect(olderOf(adam, { ...adamAgain, createdAt: adam.createdAt })).toBe(adam);
  });
});

describe('mergeChoice', () => {
  it('keeps the chosen record and merges the other into it', () => {
    expect(mergeChoice(adam, adamAgain, 'b')).toEqual({ keep: adamAgain, source: adam });
    expect(mergeChoice(adam, adamAgain, 'a')).toEqual({ keep: adam, source: adamAgain });
  });
});

describe('withoutMerged', () => {
  it('drops every pair with the merged-away record and keeps the rest', () => {
    const pairs = [pair(adamAgain, adam), pair(eva, adamAgain), pair(eva, summary('d', 'Kiss Eva', eva.createdAt))];
    expect(withoutMerged(pairs, 'b').map(pairKey)).toEqual(['c:d']);
    expect(withoutMerged(pairs, 'zzz')).toHaveLength(3);
  });

  it('gives a pair the same key in either order', () => {
    expect(pairKey(pair(adam, adamAgain))).toBe(pairKey(pair(adamAgain, adam)));
  });
});
