import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../list-query';
import { customerExportHref } from './export-link';

describe('customerExportHref', () => {
  it('exports everyone without filters', () => {
    expect(customerExportHref(emptyFilters)).toBe('/api/v1/customers/export.csv');
  });

  it('carries the list’s search and filters, trimmed and encoded', () => {
    const href = customerExportHref({ ...emptyFilters, q: ' Şükrü ', tag: 'vip', country: 'TR' });
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/customers/export.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'Şükrü', tag: 'vip', country: 'TR' });
  });

  it('carries the sort and every kind of filter, custom fields once each', () => {
    const href = customerExportHref({
      ...emptyFilters,
      company: 'Kovács Kft.',
      consent: 'yes',
      createdFrom: '2026-01-01T00:00:00.000Z',
      attribute: ['plan:pro', 'seats:5..'],
      sort: 'name',
      order: 'desc',
    });
    const url = new URL(href, 'http://localhost');
    expect(url.searchParams.get('company')).toBe('Kovács Kft.');
    expect(url.searchParams.getAll('attribute')).toEqual(['plan:pro', 'seats:5..']);
    expect(`${url.searchParams.get('sort')}:${url.searchParams.get('order')}`).toBe('name:desc');
    expect(url.searchParams.get('createdFrom')).toBe('2026-01-01T00:00:00.000Z');
  });
});
