import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToParams } from '../list-query';
import { filtersOfView, matchesView, sortViews, viewFiltersOf, viewSearch } from './customer-views';

const empty = { q: '', tag: '', country: '', language: '' };

describe('saved views of the customer list', () => {
  it('turns the list filters into a view’s and back', () => {
    const filters = { ...empty, q: ' Kovács ', country: 'HU' };
    expect(viewFiltersOf(filters)).toEqual({ q: 'Kovács', country: 'HU' });
    expect(filtersOfView({ filters: { tag: 'vip' } })).toEqual({ ...empty, tag: 'vip' });
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
