import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '@rapport/db';
import { updatedCustomerRow } from './customer-rows.js';
import { emptyImportedCustomer, type ImportedCustomer } from './normalize-row.js';

const then = new Date('2026-01-10T09:00:00Z');
const now = new Date('2026-12-07T18:00:00Z');

const before = {
  workspace_id: 'w',
  id: 'c',
  given_name: 'Ádám',
  family_name: 'Kovács',
  middle_name: null,
  name_order: null,
  title: 'dr.',
  formality: 'formal',
  language: 'hu',
  country: 'HU',
  time_zone: 'Europe/Vienna',
  time_zone_source: 'explicit',
  company: null,
  tags: ['old'],
  attributes: { tier: 'gold', birthday: null },
  marketing_consent: false,
  marketing_consent_at: then,
  marketing_consent_source: 'form',
  search_text: '',
  search_vector: '',
  name_key: '',
  created_at: then,
  updated_at: then,
  first_seen_at: then,
  created_by_import_id: null,
  language_base: 'hu',
  sort_name: '',
  last_contacted_at: null,
} satisfies CustomerRow;

const file: ImportedCustomer = {
  ...emptyImportedCustomer(),
  givenName: 'Ádi',
  familyName: 'Kovácsné',
  title: 'Mr',
  formality: 'informal',
  language: 'en',
  country: 'AT',
  timeZone: 'Europe/Berlin',
  company: 'Acme Kft.',
  tags: ['new'],
  attributes: { tier: 'silver', birthday: '1980-05-01' },
  consent: true,
};
const identities = [{ kind: 'email', value: 'adam@example.hu' }];

describe('an existing customer written by an import row', () => {
  it('takes the row’s non-empty values when updating, a zone set by hand included', () => {
    expect(updatedCustomerRow(before, file, identities, now, 'update')).toMatchObject({
      given_name: 'Ádi',
      family_name: 'Kovácsné',
      title: 'Mr',
      formality: 'informal',
      language: 'en',
      country: 'AT',
      time_zone: 'Europe/Berlin',
      company: 'Acme Kft.',
      tags: ['old', 'new'],
      attributes: { tier: 'silver', birthday: '1980-05-01' },
      marketing_consent: true,
      marketing_consent_at: now,
      marketing_consent_source: 'import',
    });
  });

  it('keeps everything they have when filling in, and takes only what they lack', () => {
    expect(updatedCustomerRow(before, file, identities, now, 'fill_empty')).toMatchObject({
      given_name: 'Ádám',
      family_name: 'Kovács',
      title: 'dr.',
      formality: 'formal',
      language: 'hu',
      country: 'HU',
      time_zone: 'Europe/Vienna',
      time_zone_source: 'explicit',
      company: 'Acme Kft.',
      tags: ['old', 'new'],
      attributes: { tier: 'gold', birthday: '1980-05-01' },
      marketing_consent: false,
      marketing_consent_at: then,
      marketing_consent_source: 'form',
    });
  });

  it('counts a formality not yet known, and a time zone or consent nobody gave, as lacking', () => {
    const unknown = {
      ...before,
      formality: 'unknown' as const,
      time_zone: 'Europe/Budapest',
      time_zone_source: 'country' as const,
      marketing_consent: null,
      marketing_consent_at: null,
      marketing_consent_source: null,
    };
    expect(updatedCustomerRow(unknown, file, identities, now, 'fill_empty')).toMatchObject({
      formality: 'informal',
      time_zone: 'Europe/Berlin',
      time_zone_source: 'explicit',
      marketing_consent: true,
      marketing_consent_source: 'import',
    });
  });
});
