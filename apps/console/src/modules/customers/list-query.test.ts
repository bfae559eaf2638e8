import { describe, expect, it } from 'vitest';
import { customerListPath, filtersFromParams, filtersToParams, isFiltered } from './list-query';

const none = { q: '', tag: '', country: '', language: '' };

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
});

describe('filters in the address', () => {
  it('round-trips through the query string', () => {
    const filters = { q: 'adam kovacs', tag: '', country: 'HU', language: 'hu' };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(none).toString()).toBe('');
  });

  it('knows whether anything narrows the list', () => {
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, q: '  ' })).toBe(false);
    expect(isFiltered({ ...none, language: 'tr' })).toBe(true);
  });
});
