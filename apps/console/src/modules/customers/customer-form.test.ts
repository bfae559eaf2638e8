import { describe, expect, it } from 'vitest';
import type { Customer } from '@rapport/contracts';
import {
  customerToForm,
  diffCustomer,
  emptyCustomerForm,
  hasSomethingToCallThem,
  parseTags,
  toCreateInput,
  type CustomerFormState,
} from './customer-form';

const saved: Customer = {
  id: '01a20ffe-2bf4-7acd-b368-9cf5a8e88de7',
  givenName: 'Ádám',
  familyName: 'Kovács',
  middleName: null,
  nameOrder: null,
  title: 'dr.',
  formality: 'formal',
  language: 'hu',
  country: 'HU',
  timeZone: 'Europe/Budapest',
  timeZoneSource: 'phone',
  company: null,
  tags: ['vip', 'b2b'],
  attributes: {},
  displayName: 'Kovács Ádám',
  identities: [],
  consent: { marketingEmail: null, at: null, source: null },
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  firstSeenAt: null,
  lastContactedAt: null,
};

function edit(change: Partial<CustomerFormState>): CustomerFormState {
  return { ...customerToForm(saved), ...change };
}

describe('parseTags', () => {
  it('trims, drops empty tags and repeats, keeps the order typed', () => {
    expect(parseTags(' vip, b2b ,, vip,Újpest ')).toEqual(['vip', 'b2b', 'Újpest']);
    expect(parseTags('  ')).toEqual([]);
  });
});

describe('toCreateInput', () => {
  it('leaves out empty fields and sends emails then phones as identities', () => {
    const form = {
      ...emptyCustomerForm(),
      givenName: ' Ádám ',
      familyName: 'Kovács',
      language: 'hu',
      country: 'HU',
      tags: 'vip',
    };
    const { input, origins } = toCreateInput(form, { emails: ['', 'adam@example.hu'], phones: ['06 30 123 4567'] });
    expect(input).toEqual({
      formality: 'unknown',
      givenName: 'Ádám',
      familyName: 'Kovács',
      language: 'hu',
      country: 'HU',
      tags: ['vip'],
      identities: [
        { kind: 'email', value: 'adam@example.hu' },
        { kind: 'phone', value: '06 30 123 4567' },
      ],
    });
    // identities[0] came from the second email input: server errors land on the right row.
    expect(origins).toEqual([
      { kind: 'email', row: 1 },
      { kind: 'phone', row: 0 },
    ]);
  });

  it('sends the name order, an explicit time zone and consent only when chosen', () => {
    const form = {
      ...emptyCustomerForm(),
      familyName: 'Öztürk',
      nameOrder: 'given_first' as const,
      timeZone: 'Europe/Istanbul',
      consent: 'yes' as const,
      consentSource: 'phone call',
    };
    const { input } = toCreateInput(form, { emails: [], phones: [] });
    expect(input).toMatchObject({
      nameOrder: 'given_first',
      timeZone: 'Europe/Istanbul',
      marketingConsent: { marketingEmail: true, source: 'phone call' },
    });
    const declined = toCreateInput({ ...form, consent: 'no', consentSource: '' }, { emails: [], phones: [] }).input;
    expect(declined.marketingConsent).toEqual({ marketingEmail: false });
    const notAsked = toCreateInput({ ...form, consent: 'unknown' }, { emails: [], phones: [] }).input;
    expect(notAsked).not.toHaveProperty('marketingConsent');
  });
});

describe('hasSomethingToCallThem', () => {
  it('needs a name, a company or a way to reach them', () => {
    expect(hasSomethingToCallThem(emptyCustomerForm(), { emails: [' '], phones: [] })).toBe(false);
    expect(hasSomethingToCallThem(emptyCustomerForm(), { emails: [], phones: ['+36 1 234 5678'] })).toBe(true);
    expect(hasSomethingToCallThem({ ...emptyCustomerForm(), company: 'Acme' }, { emails: [], phones: [] })).toBe(true);
  });
});

describe('customerToForm', () => {
  it('shows an inferred time zone as automatic and no consent as not asked', () => {
    const form = customerToForm(saved);
    expect(form.timeZone).toBe('');
    expect(form.consent).toBe('unknown');
    expect(form.tags).toBe('vip, b2b');
    expect(customerToForm({ ...saved, timeZoneSource: 'explicit', timeZone: 'Asia/Tashkent' }).timeZone).toBe('Asia/Tashkent');
  });
});

describe('diffCustomer', () => {
  it('is empty when nothing changed', () => {
    expect(diffCustomer(saved, customerToForm(saved))).toEqual({});
    // Whitespace and the spacing of tags are not changes.
    expect(diffCustomer(saved, edit({ givenName: 'Ádám ', tags: 'vip,b2b' }))).toEqual({});
  });

  it('sends only the changed fields, null for emptied ones', () => {
    expect(diffCustomer(saved, edit({ title: '', company: 'Acme Kft.', formality: 'informal' }))).toEqual({
      title: null,
      company: 'Acme Kft.',
      formality: 'informal',
    });
    expect(diffCustomer(saved, edit({ nameOrder: 'given_first', country: '' }))).toEqual({
      nameOrder: 'given_first',
      country: null,
    });
    expect(diffCustomer(saved, edit({ tags: 'vip' }))).toEqual({ tags: ['vip'] });
  });

  it('sets or clears an explicit time zone, and leaves an inferred one alone', () => {
    expect(diffCustomer(saved, edit({ timeZone: 'Asia/Tashkent' }))).toEqual({ timeZone: 'Asia/Tashkent' });
    const explicit = { ...saved, timeZoneSource: 'explicit' as const, timeZone: 'Asia/Tashkent' };
    expect(diffCustomer(explicit, { ...customerToForm(explicit), timeZone: '' })).toEqual({ timeZone: null });
  });

  it('records consent when it is given, withdrawn or its source changes', () => {
    expect(diffCustomer(saved, edit({ consent: 'yes', consentSource: 'signup form' }))).toEqual({
      marketingConsent: { marketingEmail: true, source: 'signup form' },
    });
    const agreed = { ...saved, consent: { marketingEmail: true, at: saved.createdAt, source: 'signup form' } };
    expect(diffCustomer(agreed, customerToForm(agreed))).toEqual({});
    expect(diffCustomer(agreed, { ...customerToForm(agreed), consent: 'no' })).toEqual({
      marketingConsent: { marketingEmail: false, source: 'signup form' },
    });
  });
});
