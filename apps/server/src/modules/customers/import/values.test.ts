import { describe, expect, it } from 'vitest';
import { parseLocalDate, parseLocalNumber, parseYesNo } from './local-values.js';
import { parseCountry, parseLanguage, parseTimeZone } from './places.js';
import { splitFullName } from './names.js';

describe('values as spreadsheets hold them', () => {
  it('reads dates in Hungarian, German/Turkish/Uzbek, ISO and unambiguous US formats', () => {
    for (const text of [
      '2026.11.24.',
      '2026. 11. 24.',
      '2026.11.24',
      '24.11.2026',
      '24.11.2026.',
      '2026-11-24',
      '11/24/2026',
      '24/11/2026',
    ]) {
      expect(parseLocalDate(text), text).toEqual({ ok: true, value: '2026-11-24' });
    }
    expect(parseLocalDate('2026-11-24T10:30:00Z')).toEqual({ ok: true, value: '2026-11-24' });
    expect(parseLocalDate('1.2.2026')).toEqual({ ok: true, value: '2026-02-01' });
    expect(parseLocalDate('03/04/2026')).toMatchObject({ ok: false, code: 'ambiguous_date' });
    for (const text of ['2026.02.30.', '31.04.2026', '24/11/26', 'tomorrow', '2026-13-01']) {
      expect(parseLocalDate(text), text).toMatchObject({ ok: false, code: 'invalid_date' });
    }
  });

  it('reads yes and no in five languages, and numbers with decimal commas', () => {
    for (const yes of ['igen', 'Evet', 'ha', 'Ja', 'x', '1', 'TRUE'])
      expect(parseYesNo(yes), yes).toEqual({ ok: true, value: true });
    for (const no of ['nem', 'Hayır', 'yoʻq', "yo'q", 'nein', '0', 'no'])
      expect(parseYesNo(no), no).toEqual({ ok: true, value: false });
    expect(parseYesNo('maybe')).toMatchObject({ ok: false, code: 'invalid_boolean' });
    expect(parseLocalNumber('1 234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseLocalNumber('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseLocalNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseLocalNumber('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(parseLocalNumber('12 apples')).toMatchObject({ ok: false, code: 'invalid_number' });
  });

  it('reads countries from codes and names in five languages', () => {
    const names: Record<string, string[]> = {
      HU: ['HU', 'hu', 'HUN', 'Hungary', 'Magyarország', 'Macaristan', 'Vengriya', 'Ungarn'],
      TR: ['TR', 'Turkey', 'Türkiye', 'Törökország', 'Turkiya', 'Türkei'],
      UZ: ['uz', 'Uzbekistan', 'Üzbegisztán', 'Özbekistan', 'Oʻzbekiston', "O'zbekiston", 'Usbekistan'],
      DE: ['de', 'Germany', 'Németország', 'Almanya', 'Germaniya', 'Deutschland'],
    };
    for (const [code, values] of Object.entries(names)) for (const value of values) expect(parseCountry(value), value).toBe(code);
    expect(parseCountry('Atlantis')).toBeUndefined();
    expect(parseCountry('EU')).toBeUndefined();
  });

  it('reads languages from tags and names, and time zones in any case', () => {
    expect(parseLanguage('hu')).toBe('hu');
    expect(parseLanguage('hu_HU')).toBe('hu-HU');
    expect(parseLanguage('uz-latn')).toBe('uz-Latn');
    for (const [name, code] of [
      ['magyar', 'hu'],
      ['Hungarian', 'hu'],
      ['Türkçe', 'tr'],
      ['törökül', undefined],
      ['török', 'tr'],
      ['oʻzbek', 'uz'],
      ['Deutsch', 'de'],
      ['Almanca', 'de'],
      ['nemischa', 'de'],
      ['venger', 'hu'],
    ] as const) {
      expect(parseLanguage(name), name).toBe(code);
    }
    expect(parseTimeZone('europe/budapest')).toBe('Europe/Budapest');
    expect(parseTimeZone('Europe/Nowhere')).toBeUndefined();
  });
});

describe('splitting a whole name', () => {
  it('follows the name order, and takes titles out', () => {
    expect(splitFullName('Kovács Ádám', 'family_first')).toEqual({ title: null, familyName: 'Kovács', givenName: 'Ádám' });
    expect(splitFullName('Dr. Kovács Ádám Péter', 'family_first')).toEqual({
      title: 'Dr.',
      familyName: 'Kovács',
      givenName: 'Ádám Péter',
    });
    expect(splitFullName('Mehmet Ali Yılmaz Bey', 'given_first')).toEqual({
      title: 'Bey',
      givenName: 'Mehmet Ali',
      familyName: 'Yılmaz',
    });
    expect(splitFullName('Anna von der Heide', 'given_first')).toEqual({
      title: null,
      givenName: 'Anna',
      familyName: 'von der Heide',
    });
    expect(splitFullName('Müller, Jürgen', 'given_first')).toEqual({ title: null, familyName: 'Müller', givenName: 'Jürgen' });
    expect(splitFullName('Aziz', 'given_first')).toEqual({ title: null, givenName: 'Aziz', familyName: null });
  });
});
