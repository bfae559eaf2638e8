import type { CustomerView, CustomerViewFilters } from '@rapport/contracts';
import { filterNames, filtersToParams, type CustomerFilters } from '../list-query';

/** The list filters a saved view applies; the ones it leaves out are empty. */
export function filtersOfView(view: Pick<CustomerView, 'filters'>): CustomerFilters {
  return {
    q: view.filters.q ?? '',
    tag: view.filters.tag ?? '',
    country: view.filters.country ?? '',
    language: view.filters.language ?? '',
  };
}

/** The filters to save for what the list shows now: trimmed, the empty ones left out. */
export function viewFiltersOf(filters: CustomerFilters): CustomerViewFilters {
  const result: CustomerViewFilters = {};
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (value) result[name] = value;
  }
  return result;
}

/** Whether the list shows exactly what the view saved (spaces around words ignored). */
export function matchesView(filters: CustomerFilters, view: Pick<CustomerView, 'filters'>): boolean {
  const saved = filtersOfView(view);
  return filterNames.every((name) => filters[name].trim() === saved[name].trim());
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
