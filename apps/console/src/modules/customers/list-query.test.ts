import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  customerListPath,
  dateInputOf,
  emptyFilters as none,
  filtersFromParams,
  filtersToParams,
  isCustomized,
  isFiltered,
  lastDayInputOf,
  momentOfDateInput,
  sortChoiceOf,
  withSortChoice,
} from './list-query';

describe('customerListPath', () => {
  it('asks for the newest customers without filters', () => {
    expect(customerListPath(none)).toBe('/customers?limit=50');
  });

  it('sends only the filters in use, encoded', () => {
    expect(customerListPath({ ...none, tag: ' vip ', country: 'HU' })).toBe('/customers?tag=vip&country=HU&limit=50');
    expect(customerListPath({ ...none, q: 'Şükrü Öztürk' })).toBe(
      `/customers?q=${encodeURIComponent('Şükrü Öztürk').replaceAll('%20', '+')}&limit=100`,
    );
  });

  it('sends the sort and every custom-field condition, but no sort with a search (results come best first)', () => {
    const sorted = { ...none, formality: 'formal', attribute: ['plan:pro', 'seats:5..20'], sort: 'name', order: 'desc' };
    expect(customerListPath(sorted)).toBe(
      '/customers?formality=formal&sort=name&order=desc&attribute=plan%3Apro&attribute=seats%3A5..20&limit=50',
    );
    expect(customerListPath({ ...sorted, q: 'kovacs' })).toBe(
      '/customers?q=kovacs&formality=formal&attribute=plan%3Apro&attribute=seats%3A5..20&limit=100',
    );
  });
});

describe('filters in the address', () => {
  it('round-trips through the query string', () => {
    const filters = {
      ...none,
      q: 'adam kovacs',
      country: 'HU',
      language: 'hu',
      company: 'Kovács Kft.',
      consent: 'unknown',
      lastContactedBefore: '2026-06-01T00:00:00.000Z',
      attribute: ['newsletter:true'],
      sort: 'last_contacted',
      order: 'asc',
    };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(none).toString()).toBe('');
  });

  it('knows whether anything narrows the list, and whether it differs from the default list', () => {
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, q: '  ' })).toBe(false);
    expect(isFiltered({ ...none, language: 'tr' })).toBe(true);
    expect(isFiltered({ ...none, attribute: ['plan:pro'] })).toBe(true);
    expect(isFiltered({ ...none, sort: 'name' })).toBe(false);
    expect(isCustomized({ ...none, sort: 'name' })).toBe(true);
    expect(isCustomized(none)).toBe(false);
  });
});

describe('sort choices', () => {
  it('reads a sort with or without its direction, and writes a choice back', () => {
    expect(sortChoiceOf(none)).toBe('');
    expect(sortChoiceOf({ sort: 'created', order: 'desc' })).toBe('');
    expect(sortChoiceOf({ sort: '', order: 'asc' })).toBe('created:asc');
    expect(sortChoiceOf({ sort: 'name', order: '' })).toBe('name:asc');
    expect(sortChoiceOf({ sort: 'last_contacted', order: '' })).toBe('last_contacted:desc');
    expect(withSortChoice(none, 'name:desc')).toMatchObject({ sort: 'name', order: 'desc' });
    expect(withSortChoice({ ...none, sort: 'name', order: 'asc' }, '')).toMatchObject({ sort: '', order: '' });
  });
});

describe('date filters', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Budapest';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('turns days into the moments a range starts and ends at, in the browser’s time zone, and back', () => {
    expect(momentOfDateInput('2026-03-28', 'start')).toBe('2026-03-27T23:00:00.000Z');
    // The range includes its last day: it ends at the next midnight (summer time began that night).
    expect(momentOfDateInput('2026-03-28', 'after')).toBe('2026-03-28T23:00:00.000Z');
    expect(momentOfDateInput('2026-03-29', 'after')).toBe('2026-03-29T22:00:00.000Z');
    expect(momentOfDateInput('', 'start')).toBe('');
    expect(momentOfDateInput('28.03.2026', 'start')).toBe('');
    expect(dateInputOf('2026-03-27T23:00:00.000Z')).toBe('2026-03-28');
    expect(lastDayInputOf('2026-03-29T22:00:00.000Z')).toBe('2026-03-29');
    expect(dateInputOf('')).toBe('');
  });
});
