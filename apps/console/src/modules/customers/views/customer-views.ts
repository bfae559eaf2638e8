import type { CustomerView, CustomerViewFilters } from '@rapport/contracts';
import { emptyFilters, filterNames, filtersToParams, type CustomerFilters } from '../list-query';

/** The list filters and sort a saved view applies; the ones it leaves out are empty. */
export function filtersOfView(view: Pick<CustomerView, 'filters'>): CustomerFilters {
  const filters: CustomerFilters = { ...emptyFilters, attribute: [] };
  const saved = view.filters as Partial<Record<string, string | string[]>>;
  for (const name of filterNames) {
    const value = saved[name];
    if (typeof value === 'string') filters[name] = value;
  }
  filters.attribute = [saved.attribute ?? []].flat();
  return filters;
}

/** The filters and sort to save for what the list shows now: trimmed, the empty ones left out. */
export function viewFiltersOf(filters: CustomerFilters): CustomerViewFilters {
  const result: Record<string, string | string[]> = {};
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (value) result[name] = value;
  }
  const attribute = filters.attribute.map((condition) => condition.trim()).filter(Boolean);
  if (attribute.length) result.attribute = attribute;
  // The same names and values the list sends to GET /customers, which the server checks on save.
  return result;
}

/** Whether the list shows exactly what the view saved (spaces around words ignored). */
export function matchesView(filters: CustomerFilters, view: Pick<CustomerView, 'filters'>): boolean {
  return filtersToParams(filters).toString() === filtersToParams(filtersOfView(view)).toString();
}

/** The list address of a view: its filters, and its id so the tab shows as current. */
export function viewSearch(view: Pick<CustomerView, 'id' | 'filters'>): string {
  return `?${filtersToParams(filtersOfView(view), view.id).toString()}`;
}

/** Views in the reader's alphabetical order (Hungarian, Turkish… sort their letters their own way). */
export function sortViews<T extends Pick<CustomerView, 'name'>>(views: readonly T[], locale: string): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...views].sort((a, b) => collator.compare(a.name, b.name));
}
