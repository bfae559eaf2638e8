import { filtersToParams, type CustomerFilters } from '../list-query';

/**
 * The same-origin address of the CSV export of the customers the list shows
 * now (search and filters as in the list, empty ones left out), for a plain
 * download link: the session cookie goes along.
 */
export function customerExportHref(filters: CustomerFilters): string {
  const query = filtersToParams(filters).toString();
  return `/api/v1/customers/export.csv${query ? `?${query}` : ''}`;
}
