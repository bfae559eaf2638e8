import { describe, expect, it } from 'vitest';
import { emptyFilters as empty, filtersFromParams, filtersToParams } from '../list-query';
import { filtersOfView, matchesView, sortViews, viewFiltersOf, viewSearch } from './customer-views';

describe('saved views of the customer list', () => {
  it('turns the list filters into a view’s and back', () => {
    const filters = { ...empty, q: ' Kovács ', country: 'HU' };
    expect(viewFiltersOf(filters)).toEqual({ q: 'Kovács', country: 'HU' });
    expect(filtersOfView({ filters: { tag: 'vip' } })).toEqual({ ...empty, tag: 'vip' });
  });

  it('remembers the sort and the other filters, custom fields too', () => {
    const filters = {
      ...empty,
      formality: 'formal',
      timeZone: 'Asia/Tashkent',
      createdFrom: '2026-01-01T00:00:00.000Z',
      attribute: ['plan:pro', 'seats:5..'],
      sort: 'name',
      order: 'desc',
    };
    const saved = viewFiltersOf(filters);
    expect(saved).toEqual({
      formality: 'formal',
      timeZone: 'Asia/Tashkent',
      createdFrom: '2026-01-01T00:00:00.000Z',
      attribute: ['plan:pro', 'seats:5..'],
      sort: 'name',
      order: 'desc',
    });
    expect(filtersOfView({ filters: saved })).toEqual(filters);
    // One condition saved as a string (the API accepts both) reads as a list.
    expect(filtersOfView({ filters: { attribute: 'plan:pro' } }).attribute).toEqual(['plan:pro']);
    expect(matchesView(filters, { filters: saved })).toBe(true);
    expect(matchesView({ ...filters, order: 'asc' }, { filters: saved })).toBe(false);
  });

  it('tells whether the list still shows what the view saved', () => {
    const view = { filters: { q: 'Kovács', country: 'HU' } };
    expect(matchesView({ ...empty, q: 'Kovács ', country: 'HU' }, view)).toBe(true);
    expect(matchesView({ ...empty, q: 'Kovács', country: 'HU', language: 'hu' }, view)).toBe(false);
    expect(matchesView(empty, { filters: {} })).toBe(true);
  });

  it('links a view by its filters and id, which the list reads back', () => {
    const search = viewSearch({ id: 'v1', filters: { tag: 'vip', language: 'uz' } });
    expect(search).toBe('?tag=vip&language=uz&view=v1');
    const params = new URLSearchParams(search);
    expect(filtersFromParams(params)).toEqual({ ...empty, tag: 'vip', language: 'uz' });
    expect(filtersToParams(filtersFromParams(params), params.get('view')).toString()).toBe(search.slice(1));
  });

  it('sorts names the reader’s way', () => {
    const views = [{ name: 'Zebra' }, { name: 'ügyfelek' }, { name: 'Ugar' }, { name: 'view 10' }, { name: 'view 9' }];
    expect(sortViews(views, 'hu').map((v) => v.name)).toEqual(['Ugar', 'ügyfelek', 'view 9', 'view 10', 'Zebra']);
  });
});
