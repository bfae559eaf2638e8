import { describe, expect, it } from 'vitest';
import { customerExportHref } from './export-link';

describe('customerExportHref', () => {
  it('exports everyone without filters', () => {
    expect(customerExportHref({ q: '', tag: '', country: '', language: '' })).toBe('/api/v1/customers/export.csv');
  });

  it('carries the list’s search and filters, trimmed and encoded', () => {
    const href = customerExportHref({ q: ' Şükrü ', tag: 'vip', country: 'TR', language: '' });
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/customers/export.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'Şükrü', tag: 'vip', country: 'TR' });
  });
});
