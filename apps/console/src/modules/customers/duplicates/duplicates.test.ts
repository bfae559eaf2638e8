import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '@rapport/contracts';
import {
  appendPairs,
  contactSpellings,
  mergeChoice,
  olderOf,
  pairKey,
  reasonLabel,
  withoutMerged,
  withoutPair,
  type DuplicatePair,
} from './duplicates';

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
    lastContactedAt: null,
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
  contact: null,
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

describe('reasonLabel', () => {
  it('says what the two records share: the company before the country', () => {
    expect(reasonLabel(pair(adamAgain, adam))).toEqual({ key: 'same_name_country', score: null });
    const colleagues = pair({ ...adamAgain, company: 'Kovács Kft.' }, { ...adam, company: 'Kovács Kft.' });
    expect(reasonLabel({ ...colleagues, reason: 'similar_name', score: 0.82 })).toEqual({
      key: 'similar_name_company',
      score: 0.82,
    });
    const unknown = pair({ ...adamAgain, country: null }, { ...adam, country: null });
    expect(reasonLabel({ ...unknown, reason: 'similar_name', score: 0.7 })).toEqual({ key: 'similar_name', score: 0.7 });
  });

  it('tells a phone number shared with a WhatsApp, and shows two spellings of one mailbox', () => {
    const phone = {
      customer: { kind: 'whatsapp' as const, value: '+36301234567' },
      duplicate: { kind: 'phone' as const, value: '+36301234567' },
    };
    expect(reasonLabel({ ...pair(adam, eva), reason: 'same_phone', contact: phone })).toEqual({
      key: 'same_phone_whatsapp',
      score: null,
    });
    expect(contactSpellings({ ...pair(adam, eva), reason: 'same_phone', contact: phone })).toBeNull();
    const mailbox = {
      customer: { kind: 'email' as const, value: 'kovacs.adam+shop@gmail.com' },
      duplicate: { kind: 'email' as const, value: 'kovacsadam@gmail.com' },
    };
    const email = { ...pair(adam, eva), reason: 'same_email' as const, contact: mailbox };
    expect(reasonLabel(email)).toEqual({ key: 'same_email', score: null });
    expect(contactSpellings(email)).toEqual(['kovacs.adam+shop@gmail.com', 'kovacsadam@gmail.com']);
  });
});

describe('withoutPair and appendPairs', () => {
  it('drops the dismissed pair only, and adds a further page without repeating a pair', () => {
    const pairs = [pair(adamAgain, adam), pair(eva, adamAgain)];
    expect(withoutPair(pairs, pair(adam, adamAgain)).map(pairKey)).toEqual(['b:c']);
    expect(appendPairs(pairs, [pair(adam, adamAgain), pair(eva, adam)]).map(pairKey)).toEqual(['a:b', 'b:c', 'a:c']);
  });
});
