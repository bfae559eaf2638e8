import { describe, expect, it } from 'vitest';
import { exportColumns } from './export-customers.js';
import { suggestMapping, uniqueHeaders } from './header-mapping.js';

describe('suggested column mapping', () => {
  it('reads common headers in English, Hungarian, Turkish, Uzbek and German', () => {
    const files: Record<string, string[]> = {
      en: ['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone', 'Company', 'Country', 'Language', 'Tags', 'Newsletter'],
      hu: ['Keresztnév', 'Vezetéknév', 'E-mail cím', 'Telefonszám', 'Cég', 'Ország', 'Nyelv', 'Címkék', 'Hírlevél'],
      tr: ['Ad', 'Soyad', 'E-posta', 'Cep Telefonu', 'Şirket', 'Ülke', 'Dil', 'Etiketler', 'İzin'],
      uz: ['Ism', 'Familiya', 'Elektron pochta', 'Telefon raqami', 'Kompaniya', 'Davlat', 'Til', 'Teglar', 'Rozilik'],
      de: ['Vorname', 'Nachname', 'E-Mail-Adresse', 'Telefonnummer', 'Firma', 'Land', 'Sprache', 'Schlagwörter', 'Einwilligung'],
    };
    const fields = ['givenName', 'familyName', 'email', 'phone', 'company', 'country', 'language', 'tags', 'consent'];
    for (const [language, headers] of Object.entries(files)) {
      expect(Object.values(suggestMapping(headers)), language).toEqual(fields);
    }
  });

  it('knows other spellings: "Utónév", "Családi név", "Adı Soyadı", "Telefon", "Ülke kodu", "Zeitzone"', () => {
    expect(suggestMapping(['Utónév', 'Családi név', 'Mobil', 'Időzóna'])).toEqual({
      Utónév: 'givenName',
      'Családi név': 'familyName',
      Mobil: 'phone',
      Időzóna: 'timeZone',
    });
    expect(Object.values(suggestMapping(['Adı Soyadı', 'Telefon', 'Ülke kodu', 'Zeitzone', 'Titel']))).toEqual([
      'fullName',
      'phone',
      'country',
      'timeZone',
      'title',
    ]);
  });

  it('maps several email and phone columns, a single-valued field once, and unknown headers to null', () => {
    const headers = uniqueHeaders([
      'Név',
      'E-mail',
      'E-mail',
      'Work email',
      'Telefon',
      'Telefon (mobil)',
      'Név',
      'Megjegyzés',
      '',
    ]);
    expect(headers).toEqual([
      'Név',
      'E-mail',
      'E-mail (2)',
      'Work email',
      'Telefon',
      'Telefon (mobil)',
      'Név (2)',
      'Megjegyzés',
      'Column 9',
    ]);
    expect(suggestMapping(headers)).toEqual({
      Név: 'fullName',
      'E-mail': 'email',
      'E-mail (2)': 'email',
      'Work email': 'email',
      Telefon: 'phone',
      'Telefon (mobil)': 'phone',
      'Név (2)': null,
      Megjegyzés: null,
      'Column 9': null,
    });
  });

  it('reads "Name" beside "Vorname" as the family name', () => {
    expect(suggestMapping(['Vorname', 'Name', 'E-Mail'])).toEqual({
      Vorname: 'givenName',
      Name: 'familyName',
      'E-Mail': 'email',
    });
    expect(suggestMapping(['Name', 'E-Mail'])).toEqual({ Name: 'fullName', 'E-Mail': 'email' });
  });

  it('maps custom attributes by key or label, and reads back its own export', () => {
    const attributes = [{ key: 'birthday', label: 'Születésnap' }];
    expect(suggestMapping(['Születésnap', 'BIRTHDAY'], attributes)).toEqual({
      Születésnap: 'attribute:birthday',
      BIRTHDAY: null,
    });
    expect(suggestMapping(exportColumns)).toMatchObject({
      id: null,
      givenName: 'givenName',
      familyName: 'familyName',
      middleName: 'middleName',
      displayName: 'fullName',
      title: 'title',
      formality: 'formality',
      language: 'language',
      country: 'country',
      timeZone: 'timeZone',
      company: 'company',
      tags: 'tags',
      emails: 'email',
      phones: 'phone',
      createdAt: null,
    });
  });
});
