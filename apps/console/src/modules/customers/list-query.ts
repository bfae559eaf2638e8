/** The list's filters and sort as they appear in the page address and in the API query. */
export interface CustomerFilters {
  q: string;
  tag: string;
  country: string;
  language: string;
  /** The whole company name (case and accents ignored). */
  company: string;
  formality: string;
  timeZone: string;
  /** 'yes', 'no' or 'unknown' (never asked). */
  consent: string;
  /** Moments (ISO 8601): from is included, before is not. */
  createdFrom: string;
  createdBefore: string;
  lastContactedFrom: string;
  lastContactedBefore: string;
  /** Custom-attribute conditions, `key:value` or `key:min..max`. */
  attribute: string[];
  /** 'created', 'name' or 'last_contacted'; '' is newest first. */
  sort: string;
  /** 'asc' or 'desc'; '' is the sort's usual direction. */
  order: string;
}

/** The filters behind "More filters" in the list. */
export const moreFilterNames = [
  'company',
  'formality',
  'timeZone',
  'consent',
  'createdFrom',
  'createdBefore',
  'lastContactedFrom',
  'lastContactedBefore',
] as const;

/** The filters and the sort that have one value each, in the order the address lists them. */
export const filterNames = ['q', 'tag', 'country', 'language', ...moreFilterNames, 'sort', 'order'] as const;
export type FilterName = (typeof filterNames)[number];

/** Filters typed letter by letter: the list follows them after a pause in typing. */
export const typedFilters = ['q', 'tag', 'company', 'attribute'] as const;

export const emptyFilters: CustomerFilters = {
  ...(Object.fromEntries(filterNames.map((name) => [name, ''])) as Record<FilterName, string>),
  attribute: [],
};

/** One page of the list, and of search results (ranked, so a longer first look). */
export const pageSize = 50;
export const searchSize = 100;

/** Filters read from the address (`?q=…&country=HU&attribute=plan:pro`), missing ones empty. */
export function filtersFromParams(params: URLSearchParams): CustomerFilters {
  const filters = { ...emptyFilters, attribute: params.getAll('attribute').filter(Boolean) };
  for (const name of filterNames) filters[name] = params.get(name) ?? '';
  return filters;
}

/** The filters in use, trimmed, without the empty ones; attribute conditions last, one entry each. */
function activeEntries(filters: CustomerFilters): [string, string][] {
  const single = filterNames.map((name): [string, string] => [name, filters[name].trim()]).filter(([, value]) => value !== '');
  const attributes = filters.attribute.map((condition): [string, string] => ['attribute', condition.trim()]);
  return [...single, ...attributes.filter(([, value]) => value !== '')];
}

/** The address parameter naming the saved view the list was opened from (`?view=<id>`). */
export const viewParam = 'view';

/** The address query for the filters (empty ones left out) and the saved view, for bookmarks and the back button. */
export function filtersToParams(filters: CustomerFilters, viewId?: string | null): URLSearchParams {
  const params = new URLSearchParams(activeEntries(filters));
  if (viewId) params.set(viewParam, viewId);
  return params;
}

/** Whether the list shows search results (ranked, so without a sort of its own). */
export function isSearch(filters: CustomerFilters): boolean {
  return filters.q.trim() !== '';
}

/** The API path for the list: `/customers?q=…&tag=…&limit=50`; a search leaves the sort out (results come best first). */
export function customerListPath(filters: CustomerFilters): string {
  const searching = isSearch(filters);
  const params = filtersToParams(searching ? { ...filters, sort: '', order: '' } : filters);
  params.set('limit', String(searching ? searchSize : pageSize));
  return `/customers?${params.toString()}`;
}

/** Whether any filter or search narrows the list (a sort does not). */
export function isFiltered(filters: CustomerFilters): boolean {
  return activeEntries({ ...filters, sort: '', order: '' }).length > 0;
}

/** Whether the list differs from the default one: narrowed, or sorted otherwise than newest first. */
export function isCustomized(filters: CustomerFilters): boolean {
  return activeEntries(filters).length > 0;
}

/** The sort choices of the list, as `sort:order` ('' is newest first). */
export const sortChoices = ['', 'created:asc', 'name:asc', 'name:desc', 'last_contacted:desc', 'last_contacted:asc'] as const;
export type SortChoice = (typeof sortChoices)[number];

/** The catalog key of each sort choice's label. */
export const sortLabelKeys: Record<SortChoice, string> = {
  '': 'customers.list.sortChoices.newest',
  'created:asc': 'customers.list.sortChoices.oldest',
  'name:asc': 'customers.list.sortChoices.nameAsc',
  'name:desc': 'customers.list.sortChoices.nameDesc',
  'last_contacted:desc': 'customers.list.sortChoices.contactedRecently',
  'last_contacted:asc': 'customers.list.sortChoices.contactedLongAgo',
};

/** Which choice the filters' sort and order are (a sort without a direction takes its usual one). */
export function sortChoiceOf(filters: Pick<CustomerFilters, 'sort' | 'order'>): SortChoice {
  if (!filters.sort && !filters.order) return '';
  const sort = filters.sort || 'created';
  const order = filters.order || (sort === 'name' ? 'asc' : 'desc');
  const choice = `${sort}:${order}`;
  if (choice === 'created:desc') return '';
  return (sortChoices as readonly string[]).includes(choice) ? (choice as SortChoice) : '';
}

/** The filters with the sort of a choice. */
export function withSortChoice(filters: CustomerFilters, choice: SortChoice): CustomerFilters {
  const [sort = '', order = ''] = choice ? choice.split(':') : [];
  return { ...filters, sort, order };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The day (this browser's time zone) a moment falls on, as a date input's value; '' for none. */
export function dateInputOf(iso: string): string {
  const moment = new Date(iso);
  if (!iso || Number.isNaN(moment.getTime())) return '';
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/**
 * A date input's day as the moment a range starts (its midnight, in this
 * browser's time zone) or, for the end of a range that includes the day, the
 * next midnight. '' for an empty or unreadable date.
 */
export function momentOfDateInput(value: string, edge: 'start' | 'after'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return '';
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const moment = new Date(year, month - 1, day + (edge === 'after' ? 1 : 0));
  return Number.isNaN(moment.getTime()) ? '' : moment.toISOString();
}

/** The date input's value for the end of a range whose `before` moment is the midnight after its last day. */
export function lastDayInputOf(beforeIso: string): string {
  const moment = new Date(beforeIso);
  if (!beforeIso || Number.isNaN(moment.getTime())) return '';
  return dateInputOf(new Date(moment.getTime() - 1).toISOString());
}
