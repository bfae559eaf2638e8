import { sql, type RawBuilder } from 'kysely';
import type { CustomerListSort, SortOrder } from '@rapport/contracts';
import type { CustomerRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';

/** SQL of the customer list: its filters, its sort orders and their keysets. Every function is scoped by workspace id. */

/** A custom-attribute condition: equal to a value (text, choice, boolean), or within a range (number, date; ends included). */
export type AttributeCondition =
  | { key: string; equals: string | number | boolean }
  | { key: string; type: 'number' | 'date'; min?: number | string | undefined; max?: number | string | undefined };

export interface CustomerFilter {
  tag?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
  /** The whole company name, compared folded (case and accents ignored). */
  company?: string | undefined;
  formality?: string | undefined;
  timeZone?: string | undefined;
  consent?: 'yes' | 'no' | 'unknown' | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  lastContactedFrom?: Date | undefined;
  lastContactedBefore?: Date | undefined;
  attributes?: AttributeCondition[] | undefined;
}

/** What a list or search result shows of a customer: its summary columns and first email and phone. */
export type CustomerSummaryRow = Pick<
  CustomerRow,
  | 'id'
  | 'given_name'
  | 'family_name'
  | 'middle_name'
  | 'name_order'
  | 'company'
  | 'country'
  | 'language'
  | 'time_zone'
  | 'tags'
  | 'created_at'
  | 'last_contacted_at'
> & { primary_email: string | null; primary_phone: string | null };

/** The oldest identity of a kind: the one lists show. One probe of customer_identities' unique index each. */
const primaryIdentity = (kind: 'email' | 'phone') => sql<string | null>`(
  SELECT i.value FROM customer_identities i
   WHERE i.workspace_id = c.workspace_id AND i.customer_id = c.id AND i.kind = ${kind}
   ORDER BY i.created_at, i.id LIMIT 1)`;

export const summaryColumns = sql`c.id, c.given_name, c.family_name, c.middle_name, c.name_order, c.company, c.country,
  c.language, c.time_zone, c.tags, c.created_at, c.last_contacted_at,
  ${primaryIdentity('email')} AS primary_email, ${primaryIdentity('phone')} AS primary_phone`;

/** A LIKE pattern matching `text` literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A language and its variants: "uz" finds uz, uz-Latn and uz-Cyrl. */
export function languageFilter(language: string, column = 'language') {
  return sql<boolean>`(${sql.ref(column)} = ${language} OR ${sql.ref(column)} LIKE ${`${language.replace(/[\\%_]/g, '')}-%`})`;
}

/** One attribute condition. Equality is containment, which the attributes index answers. */
function attributeCondition(condition: AttributeCondition): RawBuilder<unknown> {
  if ('equals' in condition) {
    return sql`c.attributes @> ${JSON.stringify({ [condition.key]: condition.equals })}::jsonb AND c.attributes <> '{}'`;
  }
  // A value of another JSON type (none is stored, but the column is JSON) is never in range rather than an error.
  const value =
    condition.type === 'number'
      ? sql`(CASE WHEN jsonb_typeof(c.attributes -> ${condition.key}) = 'number' THEN (c.attributes ->> ${condition.key})::numeric END)`
      : sql`(CASE WHEN jsonb_typeof(c.attributes -> ${condition.key}) = 'string' THEN c.attributes ->> ${condition.key} END) COLLATE "C"`;
  const cast = condition.type === 'number' ? sql`::numeric` : sql`::text`;
  const parts = [sql`c.attributes ? ${condition.key}`];
  if (condition.min !== undefined) parts.push(sql`${value} >= ${String(condition.min)}${cast}`);
  if (condition.max !== undefined) parts.push(sql`${value} <= ${String(condition.max)}${cast}`);
  return sql.join(parts, sql` AND `);
}

/** The WHERE conditions of a filter, on customers aliased `c`. */
export function filterConditions(workspaceId: string, filter: CustomerFilter): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [sql`c.workspace_id = ${workspaceId}`];
  // `<> '{}'` lets PostgreSQL use the tags index, which holds only tagged customers.
  if (filter.tag) conditions.push(sql`c.tags @> ARRAY[${filter.tag}]::text[] AND c.tags <> '{}'`);
  if (filter.country) conditions.push(sql`c.country = ${filter.country}`);
  // A bare language ("uz") by the generated base column, which the name sort's per-language index starts with.
  if (filter.language)
    conditions.push(
      filter.language.includes('-') ? languageFilter(filter.language, 'c.language') : sql`c.language_base = ${filter.language}`,
    );
  // Folded on both sides, answered by the trigram index over customer_company_key(company) (it supports equality).
  // Its customers are looked up first, once: PostgreSQL has no statistics for the folded company and would
  // otherwise walk a sort's index folding every company it meets until it found a page.
  if (filter.company)
    conditions.push(sql`c.id = ANY (ARRAY(
      SELECT k.id FROM customers k
       WHERE k.workspace_id = ${workspaceId} AND k.company IS NOT NULL
         AND customer_company_key(k.company) = customer_company_key(${filter.company})))`);
  if (filter.formality) conditions.push(sql`c.formality = ${filter.formality}`);
  if (filter.timeZone) conditions.push(sql`c.time_zone = ${filter.timeZone}`);
  if (filter.consent === 'yes') conditions.push(sql`c.marketing_consent = true`);
  if (filter.consent === 'no') conditions.push(sql`c.marketing_consent = false`);
  if (filter.consent === 'unknown') conditions.push(sql`c.marketing_consent IS NULL`);
  if (filter.createdFrom) conditions.push(sql`c.created_at >= ${filter.createdFrom}`);
  if (filter.createdBefore) conditions.push(sql`c.created_at < ${filter.createdBefore}`);
  if (filter.lastContactedFrom) conditions.push(sql`c.last_contacted_at >= ${filter.lastContactedFrom}`);
  if (filter.lastContactedBefore) conditions.push(sql`c.last_contacted_at < ${filter.lastContactedBefore}`);
  for (const condition of filter.attributes ?? []) conditions.push(attributeCondition(condition));
  return conditions;
}

export interface ListOrder {
  sort: CustomerListSort;
  order: SortOrder;
}

/**
 * Where a page ends: the last row's sort value and id. Sorted by last
 * contact, `segment` says whether it was among the contacted customers
 * (value: the last contact) or the never-contacted ones (value: created).
 */
export interface ListPosition {
  segment?: 'contacted' | 'never' | undefined;
  value: string;
  id: string;
}

/** The name as the list sorts it (a stored column in byte order, indexed alone and within a country or language). */
const sortName = sql<string>`c.sort_name`;

/** What a row needs for its position in any order. */
type SortedRow = Pick<CustomerRow, 'id' | 'created_at' | 'last_contacted_at'> & { sort_name: string };
export type ListRow = CustomerSummaryRow & { sort_name: string };

/** "Comes after (value, id)" in a keyset ordered by `key` then id, written so an index on `key` alone bounds the scan. */
function after(key: RawBuilder<unknown>, order: SortOrder, position: ListPosition, cast: RawBuilder<unknown>) {
  const beyond = order === 'asc' ? sql`>` : sql`<`;
  const reached = order === 'asc' ? sql`>=` : sql`<=`;
  const value = sql`${position.value}${cast}`;
  return sql`${key} ${reached} ${value} AND (${key} ${beyond} ${value} OR c.id ${beyond} ${position.id})`;
}

/**
 * One page (limit + 1 rows, to tell whether more follow) of the filtered
 * customers in the given order, after `position`. By created: the created
 * index; by name: the sort-name index; by last contact: the contacted
 * customers through their partial index, then (or, oldest first, before)
 * the never-contacted ones, newest (oldest) first.
 */
export async function listCustomerRows<Row extends SortedRow = ListRow>(
  db: Executor,
  workspaceId: string,
  filter: CustomerFilter,
  order: ListOrder,
  limit: number,
  position?: ListPosition,
  /** Other columns than the summary's (`c.*`: they must hold sort_name), and more conditions. */
  options: { columns?: RawBuilder<unknown>; where?: RawBuilder<unknown>[] } = {},
): Promise<Row[]> {
  const direction = order.order === 'asc' ? sql`ASC` : sql`DESC`;
  const where = (extra: RawBuilder<unknown>[]) =>
    sql.join([...filterConditions(workspaceId, filter), ...(options.where ?? []), ...extra], sql` AND `);
  // Every order's position needs the row's sort name (in the customers' own columns when `c.*` is asked for).
  const columns = options.columns ?? sql`${summaryColumns}, ${sortName}`;
  if (order.sort === 'created' || order.sort === 'name') {
    const key = order.sort === 'created' ? sql`c.created_at` : sortName;
    const cast = order.sort === 'created' ? sql`::timestamptz` : sql`::text COLLATE "C"`;
    const { rows } = await sql<Row>`
      SELECT ${columns} FROM customers c WHERE ${where(position ? [after(key, order.order, position, cast)] : [])}
      ORDER BY ${key} ${direction}, c.id ${direction} LIMIT ${limit + 1}`.execute(db);
    return rows;
  }
  // Newest contact first: the contacted, then the never contacted. Oldest first: the other way round.
  const segments = order.order === 'desc' ? (['contacted', 'never'] as const) : (['never', 'contacted'] as const);
  const parts = segments.map((segment, index) => {
    const key = segment === 'contacted' ? sql`c.last_contacted_at` : sql`c.created_at`;
    const conditions = [segment === 'contacted' ? sql`c.last_contacted_at IS NOT NULL` : sql`c.last_contacted_at IS NULL`];
    const start = position ? segments.indexOf(position.segment ?? 'contacted') : 0;
    if (index < start) conditions.push(sql`false`);
    if (position && index === start) conditions.push(after(key, order.order, position, sql`::timestamptz`));
    return sql`(SELECT ${columns}, ${index} AS segment, ${key} AS sort_at FROM customers c
      WHERE ${where(conditions)} ORDER BY ${key} ${direction}, c.id ${direction} LIMIT ${limit + 1})`;
  });
  const { rows } = await sql<Row & { segment: number; sort_at: Date }>`
    SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) s
     ORDER BY s.segment, s.sort_at ${direction}, s.id ${direction} LIMIT ${limit + 1}`.execute(db);
  return rows;
}

/** The position a row ends a page at, in the given order. */
export function positionOf(row: SortedRow, order: ListOrder): ListPosition {
  if (order.sort === 'created') return { value: row.created_at.toISOString(), id: row.id };
  if (order.sort === 'name') return { value: row.sort_name, id: row.id };
  return row.last_contacted_at
    ? { segment: 'contacted', value: row.last_contacted_at.toISOString(), id: row.id }
    : { segment: 'never', value: row.created_at.toISOString(), id: row.id };
}
