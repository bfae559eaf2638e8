import { describe, expect, it } from 'vitest';
import { buildNameKey, buildSearchText, foldForSearch, searchTerms } from './search-text.js';

const people = [
  { givenName: 'Şükrü', familyName: 'Öztürk', company: 'Öztürk Tekstil A.Ş.', tags: ['VIP', 'İzmir'] },
  { givenName: 'Gʻulom', middleName: 'Oʻktam oʻgʻli', familyName: 'Oʻrinov', company: null, tags: [] },
  { givenName: '  Jürgen ', familyName: 'Müller-Lüdenscheidt', company: 'Straße & Söhne GmbH', tags: ['Großkunde'] },
  { givenName: 'Őrs', familyName: '', company: '   ', tags: ['  '] },
  { givenName: null, familyName: 'Ли', company: 'ООО «Ромашка»', tags: ['ключ'] },
];
const identities = [
  { kind: 'email', value: 'sukru.ozturk+shop@example.com.tr' },
  { kind: 'phone', value: '+90 532 123 45 67' },
];

describe('search text', () => {
  it('folds names, company, tags and identities part by part as it would fold them joined', () => {
    for (const person of people) {
      const joined = [person.givenName, person.middleName, person.familyName, person.company, ...person.tags]
        .concat(identities.map((i) => (i.kind === 'phone' ? i.value.replace(/\D/g, '') : i.value)))
        .filter(Boolean)
        .join(' ');
      // Twice: the second time from the remembered parts.
      expect(buildSearchText({ ...person, identities })).toBe(foldForSearch(joined));
      expect(buildSearchText({ ...person, identities })).toBe(foldForSearch(joined));
      expect(buildSearchText({ ...person, identities: [] })).toBe(
        foldForSearch(
          [person.givenName, person.middleName, person.familyName, person.company, ...person.tags].filter(Boolean).join(' '),
        ),
      );
    }
  });

  it('keys a name by its folded words in order, whatever order and spelling they came in', () => {
    expect(buildNameKey({ givenName: 'Ádám', familyName: 'Kovács' })).toBe('adam kovacs');
    expect(buildNameKey({ givenName: 'KOVACS', familyName: 'adam' })).toBe('adam kovacs');
    expect(buildNameKey({ givenName: 'Gʻulom', middleName: 'Oʻktam oʻgʻli', familyName: 'Oʻrinov' })).toBe(
      searchTerms('Gʻulom Oʻktam oʻgʻli Oʻrinov').sort().join(' '),
    );
    expect(buildNameKey({ givenName: ' ', familyName: null })).toBe('');
  });
});
