import type { AttributeDefinition, CustomerListFilters } from '@rapport/contracts';
import type { Executor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { listAttributeDefinitions } from './attributes.js';
import type { AttributeCondition, CustomerFilter, ListOrder } from './customer-list.repo.js';

interface Issue {
  path: (string | number)[];
  code: string;
  message: string;
  in: string;
}

/** The order a list asks for: `sort` (default created) and `order` (default desc, asc for name). */
export function listOrder(filters: Pick<CustomerListFilters, 'sort' | 'order'>, fallback: ListOrder): ListOrder {
  if (!filters.sort && !filters.order) return fallback;
  const sort = filters.sort ?? 'created';
  return { sort, order: filters.order ?? (sort === 'name' ? 'asc' : 'desc') };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text: string): boolean {
  return isoDate.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().startsWith(text);
}

/** One `key:value` condition read against its definition, or the problem with it. */
function readAttributeFilter(
  text: string,
  definitions: Map<string, AttributeDefinition>,
): { condition: AttributeCondition } | { code: string; message: string } {
  const colon = text.indexOf(':');
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1);
  const definition = definitions.get(key);
  if (!definition) return { code: 'unknown_attribute', message: `no attribute "${key}" is defined` };
  switch (definition.type) {
    case 'text':
      return { condition: { key, equals: value } };
    case 'choice':
      return definition.choices.includes(value)
        ? { condition: { key, equals: value } }
        : { code: 'invalid_attribute', message: `expected one of: ${definition.choices.join(', ')}` };
    case 'boolean':
      return value === 'true' || value === 'false'
        ? { condition: { key, equals: value === 'true' } }
        : { code: 'invalid_attribute', message: 'expected true or false' };
    case 'number':
    case 'date': {
      const [min, max] = value.includes('..') ? value.split('..', 2) : [value, value];
      const read = (end: string | undefined) => {
        if (!end) return undefined;
        if (definition.type === 'date') return isDate(end) ? end : null;
        const number = Number(end);
        return end.trim() !== '' && Number.isFinite(number) ? number : null;
      };
      const from = read(min);
      const to = read(max);
      if (from === null || to === null || (from === undefined && to === undefined)) {
        return {
          code: 'invalid_attribute',
          message:
            definition.type === 'date'
              ? 'expected YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD'
              : 'expected a number or a range min..max',
        };
      }
      if (from !== undefined && to !== undefined && from > to)
        return { code: 'invalid_range', message: 'the range ends before it starts' };
      return { condition: { key, type: definition.type, min: from, max: to } };
    }
  }
}

/**
 * The list's filters checked and turned into the repo's conditions. Custom
 * attributes are read against the workspace's definitions. Throws
 * validation_failed with an issue each (at `path` + the field): invalid_range
 * (a range that ends before it starts), unknown_attribute, invalid_attribute,
 * and sort_with_search (a sort with `q`, when `allowSortWithSearch` is not set:
 * search results come best match first).
 */
export async function resolveListFilters(
  db: Executor,
  workspaceId: string,
  filters: CustomerListFilters,
  options: { in: 'querystring' | 'body'; path?: string[]; allowSortWithSearch?: boolean },
): Promise<CustomerFilter> {
  const issues: Issue[] = [];
  const problem = (field: (string | number)[], code: string, message: string) =>
    issues.push({ path: [...(options.path ?? []), ...field], code, message, in: options.in });
  const isSearch = Boolean(filters.q?.trim());
  if (isSearch && !options.allowSortWithSearch) {
    if (filters.sort) problem(['sort'], 'sort_with_search', 'search results come best match first: leave out sort');
    if (filters.order) problem(['order'], 'sort_with_search', 'search results come best match first: leave out order');
  }
  const range = (from: string | undefined, before: string | undefined, field: string) => {
    const start = from ? new Date(from) : undefined;
    const end = before ? new Date(before) : undefined;
    if (start && end && start >= end) problem([field], 'invalid_range', 'the range ends before it starts');
    return [start, end] as const;
  };
  const [createdFrom, createdBefore] = range(filters.createdFrom, filters.createdBefore, 'createdBefore');
  const [lastContactedFrom, lastContactedBefore] = range(
    filters.lastContactedFrom,
    filters.lastContactedBefore,
    'lastContactedBefore',
  );
  const texts = filters.attribute === undefined ? [] : [filters.attribute].flat();
  const attributes: AttributeCondition[] = [];
  if (texts.length) {
    const definitions = new Map((await listAttributeDefinitions(db, workspaceId)).map((d) => [d.key, d]));
    texts.forEach((text, index) => {
      const read = readAttributeFilter(text, definitions);
      if ('condition' in read) attributes.push(read.condition);
      else problem(Array.isArray(filters.attribute) ? ['attribute', index] : ['attribute'], read.code, read.message);
    });
  }
  if (issues.length) throw new AppError('validation_failed', 'Some filters of the customer list are not valid.', { issues });
  return {
    tag: filters.tag,
    country: filters.country,
    language: filters.language,
    company: filters.company,
    formality: filters.formality,
    timeZone: filters.timeZone,
    consent: filters.consent,
    createdFrom,
    createdBefore,
    lastContactedFrom,
    lastContactedBefore,
    attributes,
  };
}
