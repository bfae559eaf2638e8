import { sql } from 'kysely';
import type { CustomerIdentityRow, CustomerRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { isAfter, type Position } from '../../platform/pagination.js';

/** SQL for customers and their identities. Every function is scoped by workspace id. */

export type NewCustomerRow = Omit<CustomerRow, 'created_at' | 'updated_at' | 'search_vector'> & {
  created_at?: Date;
  updated_at?: Date;
};

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
  values: Partial<Omit<CustomerRow, 'workspace_id' | 'id' | 'created_at' | 'search_vector'>>,
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
  if (filter.language) query = query.where(languageFilter(filter.language));
  if (after) query = query.where(isAfter(after, 'desc'));
  return query.execute();
}

/**
 * Search: the customers owning an exactly matching identity (email, phone,
 * handle) when there are any; else those with every word of the query as the
 * start of a word (any order), best word similarity first; with none, the
 * closest by trigram word similarity (typos, parts of words). Small queries,
 * each on its index, rather than one large one.
 */
export async function searchCustomerRows(
  db: Executor,
  workspaceId: string,
  options: {
    folded: string;
    terms: string[];
    /** The query's words sorted, to put people with exactly that name first. */
    nameKey: string;
    identities: { kind: string; value: string }[];
    filter: CustomerFilter;
    limit: number;
  },
): Promise<CustomerRow[]> {
  const filters = [sql`c.workspace_id = ${workspaceId}`];
  if (options.filter.tag) filters.push(sql`c.tags @> ARRAY[${options.filter.tag}]::text[]`);
  if (options.filter.country) filters.push(sql`c.country = ${options.filter.country}`);
  if (options.filter.language) filters.push(languageFilter(options.filter.language, 'c.language'));
  const where = sql.join(filters, sql` AND `);
  if (options.identities.length) {
    const pairs = sql.join(
      options.identities.map((i) => sql`(${i.kind}, ${i.value})`),
      sql`, `,
    );
    const { rows } = await sql<CustomerRow>`
      SELECT c.* FROM customer_identities i
        JOIN customers c ON c.workspace_id = i.workspace_id AND c.id = i.customer_id
       WHERE i.workspace_id = ${workspaceId} AND (i.kind, i.value) IN (${pairs}) AND ${where}
       LIMIT ${options.limit}`.execute(db);
    // An exact email or phone match is the answer; names in the address would only add noise.
    if (rows.length) return rows;
  }
  const words = prefixQuery(options.terms);
  if (words) {
    let { rows } = await sql<CustomerRow>`
      SELECT c.* FROM customers c
       WHERE ${where} AND c.search_vector @@ to_tsquery('simple', ${words})
       ORDER BY c.name_key = ${options.nameKey} DESC, c.created_at DESC
       LIMIT ${options.limit}`.execute(db);
    if (rows.length === 0) {
      ({ rows } = await sql<CustomerRow>`
        SELECT c.* FROM customers c
         WHERE ${where} AND ${options.folded} <% c.search_text
         ORDER BY word_similarity(${options.folded}, c.search_text) DESC, c.created_at DESC
         LIMIT ${options.limit}`.execute(db));
    }
    return rows;
  }
  return [];
}

/** A language and its variants: "uz" finds uz, uz-Latn and uz-Cyrl. */
export function languageFilter(language: string, column = 'language') {
  return sql<boolean>`(${sql.ref(column)} = ${language} OR ${sql.ref(column)} LIKE ${`${language.replace(/[\\%_]/g, '')}-%`})`;
}

/** "kovacs ada" → "kovacs:* & ada:*": every word, as the start of a word. Only letters and digits reach the query. */
export function prefixQuery(terms: string[]): string | null {
  const words = terms.flatMap((term) => term.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}
