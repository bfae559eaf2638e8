/** The list's filters as they appear in the page address and in the API query. */
export interface CustomerFilters {
  q: string;
  tag: string;
  country: string;
  language: string;
}

export const filterNames = ['q', 'tag', 'country', 'language'] as const;

/** One page of the list. Searches return a single page of best matches, so they ask for more. */
export const pageSize = 50;
export const searchSize = 100;

/** Filters read from the address (`?q=…&country=HU`), missing ones empty. */
export function filtersFromParams(params: URLSearchParams): CustomerFilters {
  return {
    q: params.get('q') ?? '',
    tag: params.get('tag') ?? '',
    country: params.get('country') ?? '',
    language: params.get('language') ?? '',
  };
}

/** The filters in use, trimmed, without the empty ones. */
function activeEntries(filters: CustomerFilters): [string, string][] {
  return filterNames.map((name): [string, string] => [name, filters[name].trim()]).filter(([, value]) => value !== '');
}

/** The address parameter naming the saved view the list was opened from (`?view=<id>`). */
export const viewParam = 'view';

/** The address query for the filters (empty ones left out) and the saved view, for bookmarks and the back button. */
export function filtersToParams(filters: CustomerFilters, viewId?: string | null): URLSearchParams {
  const params = new URLSearchParams(activeEntries(filters));
  if (viewId) params.set(viewParam, viewId);
  return params;
}

/** The API path for the list: `/customers?q=…&tag=…&limit=50`. */
export function customerListPath(filters: CustomerFilters): string {
  const params = filtersToParams(filters);
  params.set('limit', String(filters.q.trim() ? searchSize : pageSize));
  return `/customers?${params.toString()}`;
}

/** Whether any filter or search narrows the list. */
export function isFiltered(filters: CustomerFilters): boolean {
  return activeEntries(filters).length > 0;
}
