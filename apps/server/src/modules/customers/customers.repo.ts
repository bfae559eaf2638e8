import { sql } from 'kysely';
import type { CustomerIdentityRow, CustomerRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { isAfter, type Position } from '../../platform/pagination.js';

/** SQL for customers and their identities. Every function is scoped by workspace id. */

export type NewCustomerRow = Omit<CustomerRow, 'created_at' | 'updated_at'> & { created_at?: Date; updated_at?: Date };

export async function insertCustomer(db: Executor, row: NewCustomerRow): Promise<CustomerRow> {
  return db
    .insertInto('customers')
    .values({ ...row, attributes: JSON.stringify(row.attributes) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCustomerRow(
  db: Executor,
  workspaceId: string,
  customerId: string,
  values: Partial<Omit<CustomerRow, 'workspace_id' | 'id' | 'created_at'>>,
): Promise<CustomerRow | undefined> {
  const { attributes, ...rest } = values;
  return db
    .updateTable('customers')
    .set({ ...rest, ...(attributes !== undefined ? { attributes: JSON.stringify(attributes) } : {}), updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirst();
}

export async function findCustomer(db: Executor, workspaceId: string, customerId: string, lock = false) {
  let query = db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', customerId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listIdentities(db: Executor, workspaceId: string, customerIds: string[]): Promise<CustomerIdentityRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertIdentities(db: Executor, rows: Omit<CustomerIdentityRow, 'created_at'>[]): Promise<void> {
  if (rows.length) await db.insertInto('customer_identities').values(rows).execute();
}

export async function deleteIdentity(db: Executor, workspaceId: string, customerId: string, identityId: string) {
  return db
    .deleteFrom('customer_identities')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('id', '=', identityId)
    .returningAll()
    .executeTakeFirst();
}

/** The customer owning an identity (kind + normalised value), if any. */
export async function findIdentityOwner(db: Executor, workspaceId: string, kind: string, value: string) {
  return db
    .selectFrom('customer_identities')
    .select(['customer_id', 'id'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind as CustomerIdentityRow['kind'])
    .where('value', '=', value)
    .executeTakeFirst();
}

export interface CustomerFilter {
  tag?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
}

/** Customers newest first, filtered, paged by (created_at, id). */
export async function listCustomerRows(
  db: Executor,
  workspaceId: string,
  filter: CustomerFilter,
  limit: number,
  after?: Position,
) {
  let query = db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (filter.tag) query = query.where(sql<boolean>`tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.country) query = query.where('country', '=', filter.country);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (after) query = query.where(isAfter(after, 'desc'));
  return query.execute();
}

/**
 * Search: customers owning an exactly matching identity first, then those whose
 * folded text contains every term (any order), best word similarity first; with
 * no such match, the closest by trigram word similarity (typos).
 */
export async function searchCustomerRows(
  db: Executor,
  workspaceId: string,
  options: {
    folded: string;
    terms: string[];
    identities: { kind: string; value: string }[];
    filter: CustomerFilter;
    limit: number;
  },
): Promise<CustomerRow[]> {
  const filters = [sql`c.workspace_id = ${workspaceId}`];
  if (options.filter.tag) filters.push(sql`c.tags @> ARRAY[${options.filter.tag}]::text[]`);
  if (options.filter.country) filters.push(sql`c.country = ${options.filter.country}`);
  if (options.filter.language) filters.push(sql`c.language = ${options.filter.language}`);
  const where = sql.join(filters, sql` AND `);
  const exact = options.identities.length
    ? sql.join(
        options.identities.map((i) => sql`(i.kind = ${i.kind} AND i.value = ${i.value})`),
        sql` OR `,
      )
    : sql`false`;
  const likes = sql.join(
    options.terms.map((term) => sql`c.search_text LIKE ${`%${escapeLike(term)}%`}`),
    sql` AND `,
  );
  const { rows } = await sql<CustomerRow & { rank: number; score: number }>`
    WITH exact AS (
      SELECT c.*, 0 AS rank, 1.0::real AS score FROM customers c
        JOIN customer_identities i ON i.workspace_id = c.workspace_id AND i.customer_id = c.id
       WHERE ${where} AND i.workspace_id = ${workspaceId} AND (${exact})
       LIMIT ${options.limit}
    ), contains AS (
      SELECT c.*, 1 AS rank, word_similarity(${options.folded}, c.search_text) AS score FROM customers c
       WHERE ${where} AND ${likes}
       ORDER BY score DESC, c.created_at DESC
       LIMIT ${options.limit}
    ), fuzzy AS (
      SELECT c.*, 2 AS rank, word_similarity(${options.folded}, c.search_text) AS score FROM customers c
       WHERE ${where} AND NOT EXISTS (SELECT 1 FROM contains) AND ${options.folded} <% c.search_text
       ORDER BY score DESC, c.created_at DESC
       LIMIT ${options.limit}
    )
    SELECT DISTINCT ON (rank, score, created_at, id) * FROM (
      SELECT * FROM exact UNION ALL SELECT * FROM contains UNION ALL SELECT * FROM fuzzy
    ) found
    ORDER BY rank, score DESC, created_at DESC, id
    LIMIT ${options.limit * 2}`.execute(db);
  const seen = new Set<string>();
  const result: CustomerRow[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const { rank: _rank, score: _score, ...customer } = row;
    result.push(customer);
    if (result.length === options.limit) break;
  }
  return result;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
