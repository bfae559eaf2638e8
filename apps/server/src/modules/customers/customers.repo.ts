import { sql, type RawBuilder } from 'kysely';
import { identityKind } from '@rapport/contracts';
import type { CustomerIdentityRow, CustomerRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { eventAnnouncement, eventInsert, type EventScope, type NewEvent } from '../../platform/events.js';
import {
  escapeLike,
  filterConditions,
  summaryColumns,
  type CustomerFilter,
  type CustomerSummaryRow,
} from './customer-list.repo.js';

export { escapeLike, languageFilter, type CustomerSummaryRow } from './customer-list.repo.js';

/** SQL for customers and their identities. Every function is scoped by workspace id. */

export type NewCustomerRow = Omit<CustomerRow, 'created_at' | 'updated_at' | 'search_vector' | 'language_base' | 'sort_name'> & {
  created_at?: Date;
  updated_at?: Date;
};

/**
 * The CTE step that adds the names of inserted customers (`rows`: workspace_id,
 * name_key) to the workspace's list of distinct names (customer_name_keys), for
 * the statement that inserts them. Updates and deletes keep the list true by
 * triggers; inserts add here, which costs a bulk import far less.
 */
export function addNameKeys(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`name_keys_added AS (
    INSERT INTO customer_name_keys (workspace_id, name_key)
    SELECT DISTINCT r.workspace_id, r.name_key FROM (${rows}) r WHERE r.name_key <> ''
    ON CONFLICT DO NOTHING)`;
}

/**
 * Inserts a customer, its identities and the event that records it in one
 * statement: one round trip and no explicit transaction (a statement is
 * atomic). A taken identity fails the whole statement with a unique violation.
 */
export async function insertCustomer(
  db: Executor,
  row: NewCustomerRow,
  identities: Omit<CustomerIdentityRow, 'created_at'>[],
  scope: EventScope,
  event: NewEvent,
): Promise<CustomerRow> {
  const customer = db
    .insertInto('customers')
    .values({ ...row, attributes: JSON.stringify(row.attributes) })
    .returningAll();
  const identitiesStep = identities.length
    ? sql`, identities AS (${db.insertInto('customer_identities').values(identities)})`
    : sql``;
  const { rows } = await sql<CustomerRow>`
    WITH customer AS (${customer})${identitiesStep},
    ${addNameKeys(sql`SELECT workspace_id, name_key FROM customer`)},
    event AS (${eventInsert(scope, event)}),
    announced AS (SELECT ${eventAnnouncement(scope)} FROM event)
    SELECT customer.* FROM customer WHERE (SELECT count(*) FROM announced) = 1`.execute(db);
  const inserted = rows[0];
  if (!inserted) throw new Error('the customer was not inserted');
  return inserted;
}

export async function updateCustomerRow(
  db: Executor,
  workspaceId: string,
  customerId: string,
  values: Partial<Omit<CustomerRow, 'workspace_id' | 'id' | 'created_at' | 'search_vector' | 'language_base' | 'sort_name'>>,
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

/**
 * How finely a customer's last contact is kept: a chat's lines a few seconds
 * apart would otherwise rewrite the customer's row, and every one of its
 * indexes, for each line.
 */
export const contactResolutionSeconds = 60;

/**
 * Moves a customer's last contact forward to `at` and their first sighting
 * back to it, never the other way; the last contact only once `at` is more
 * than `contactResolutionSeconds` past it. One statement, which writes
 * nothing when both already cover `at` (PostgreSQL's GREATEST and LEAST skip
 * nulls).
 */
export async function touchContact(db: Executor, workspaceId: string, customerId: string, at: Date): Promise<void> {
  const resolution = `${contactResolutionSeconds} seconds`;
  await sql`
    UPDATE customers
       SET last_contacted_at = GREATEST(last_contacted_at, ${at}::timestamptz),
           first_seen_at = LEAST(first_seen_at, ${at}::timestamptz)
     WHERE workspace_id = ${workspaceId} AND id = ${customerId}
       AND (last_contacted_at IS NULL OR last_contacted_at < ${at}::timestamptz - ${resolution}::interval
            OR first_seen_at IS NULL OR first_seen_at > ${at}::timestamptz)`.execute(db);
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

/**
 * The workspace's country, then every country its customers are in (at most
 * 60): one index probe per country (a loose scan of customers_country_idx).
 */
export async function phoneCountries(db: Executor, workspaceId: string): Promise<string[]> {
  const { rows } = await sql<{ country: string }>`
    WITH RECURSIVE countries (country) AS (
      (SELECT country FROM customers WHERE workspace_id = ${workspaceId} AND country IS NOT NULL ORDER BY country LIMIT 1)
      UNION ALL
      SELECT (SELECT c.country FROM customers c
               WHERE c.workspace_id = ${workspaceId} AND c.country > countries.country ORDER BY c.country LIMIT 1)
        FROM countries WHERE countries.country IS NOT NULL)
    SELECT country FROM (SELECT country FROM workspaces WHERE id = ${workspaceId}) w WHERE country IS NOT NULL
    UNION ALL
    (SELECT country FROM countries WHERE country IS NOT NULL LIMIT 60)`.execute(db);
  return [...new Set(rows.map((r) => r.country))];
}

export interface SearchOptions {
  folded: string;
  terms: string[];
  /** The query's words sorted: a customer with exactly this name_key has exactly that name. */
  nameKey: string;
  identities: { kind: string; value: string }[];
  /** What an identity may start with (in the stored form: lower-cased email, "+" and digits), email domains' starts. */
  identityParts: { starts: string[]; domains: string[] };
  filter: CustomerFilter;
  limit: number;
}

/**
 * Search in steps, each answered by an index, stopping at the first step that
 * finds someone:
 * 1. the owners of an exactly matching identity (email, phone, handle);
 * 2. customers with exactly the query's name words (any order), newest first,
 *    then others having the query's words, the last one as the start of a
 *    word (still being typed), in their name, company or tags; a short list
 *    is filled up with customers having every word as the start of a word
 *    ("kovacs adam" also finds "Kovácsné Ádám");
 * 3. customers whose name is closest to the query by trigram word similarity
 *    (typos), looked up among the workspace's distinct names;
 * 4. customers having every query word as the start of a word ("ada kov"),
 *    not before step 3 because a common start ("a") visits many entries;
 * 5. customers with an identity that starts with the query ("kovacs.a",
 *    "+36 20 12"), by the byte-ordered identities, or an email in a domain
 *    starting with it ("@example.hu");
 * 6. customers whose company is closest to the query by trigram word
 *    similarity (a typo in a company).
 * Steps 1–2 are one statement and 3–6 another, run only when the first found
 * nobody: planning a statement costs about as much as running a step, and
 * most searches end at step 2.
 */
export async function searchCustomerRows(
  db: Executor,
  workspaceId: string,
  options: SearchOptions,
): Promise<CustomerSummaryRow[]> {
  const steps = searchSteps(workspaceId, options);
  const found = await sql<CustomerSummaryRow>`
    WITH owners AS MATERIALIZED (${steps.owners}),
    exact_name AS MATERIALIZED (${steps.exactName(sql`NOT EXISTS (SELECT 1 FROM owners)`)}),
    -- Only when the exact name does not fill the page: a common name ("adam kovacs") has hundreds of customers
    -- whose words match too, and finding them all to leave them out costs more than the rest of the search.
    name_words AS MATERIALIZED (${steps.nameWords(
      sql`NOT EXISTS (SELECT 1 FROM owners) AND (SELECT count(*) FROM exact_name) < ${options.limit}`,
      sql`exact_name`,
    )}),
    named AS MATERIALIZED (SELECT * FROM exact_name UNION ALL SELECT * FROM name_words),
    filled AS MATERIALIZED (${steps.allPrefixes(sql`(SELECT count(*) FROM named) BETWEEN 1 AND ${options.limit - 1}`, sql`named`)}),
    found AS (SELECT * FROM owners UNION ALL SELECT * FROM named UNION ALL SELECT * FROM filled)
    ${steps.present}`.execute(db);
  if (found.rows.length) return found.rows;
  const { rows } = await sql<CustomerSummaryRow>`
    -- The nearest names first (<<-> is 1 − word similarity).
    WITH similar_names AS MATERIALIZED (
      SELECT k.name_key, ${options.folded} <<-> k.name_key AS distance FROM customer_name_keys k
       WHERE k.workspace_id = ${workspaceId} AND ${options.folded} <% k.name_key
       ORDER BY ${options.folded} <<-> k.name_key, k.name_key COLLATE "C"
       LIMIT ${options.limit}),
    by_similar_name AS MATERIALIZED (
      SELECT c.id, 3 AS step, s.distance AS score, s.name_key AS label FROM similar_names s
        JOIN LATERAL (
          SELECT c.id, c.created_at FROM customers c
           WHERE ${steps.where} AND c.name_key = s.name_key AND c.name_key <> ''
           ORDER BY c.created_at DESC, c.id DESC LIMIT ${options.limit}) c ON true
       ORDER BY s.distance, s.name_key COLLATE "C", c.created_at DESC, c.id DESC
       LIMIT ${options.limit}),
    prefixed AS MATERIALIZED (${steps.allPrefixes(sql`NOT EXISTS (SELECT 1 FROM by_similar_name)`, null)}),
    identity_parts AS MATERIALIZED (${steps.identityParts(sql`NOT EXISTS (SELECT 1 FROM by_similar_name) AND NOT EXISTS (SELECT 1 FROM prefixed)`)}),
    similar_companies AS MATERIALIZED (
      SELECT c.id, 6 AS step, ${options.folded} <<-> customer_company_key(c.company) AS score, ''::text AS label
        FROM customers c
       WHERE ${steps.where} AND c.company IS NOT NULL AND ${options.folded} <% customer_company_key(c.company)
         AND NOT EXISTS (SELECT 1 FROM by_similar_name) AND NOT EXISTS (SELECT 1 FROM prefixed)
         AND NOT EXISTS (SELECT 1 FROM identity_parts)
       ORDER BY score, c.created_at DESC, c.id DESC
       LIMIT ${options.limit}),
    found AS (
      SELECT * FROM by_similar_name UNION ALL SELECT * FROM prefixed
      UNION ALL SELECT * FROM identity_parts UNION ALL SELECT * FROM similar_companies)
    ${steps.present}`.execute(db);
  return rows;
}

/** Identity kinds whose values may start with `part`: numbers ("+3630…") for phones and WhatsApp, the rest otherwise. */
function kindsStartingWith(part: string): string[] {
  return part.startsWith('+') ? ['phone', 'whatsapp'] : identityKind.options.filter((k) => k !== 'phone' && k !== 'whatsapp');
}

/**
 * The SQL of the search steps: each selects (id, step, score, label) of at
 * most `limit` customers, in the order (score, label, newest first) that the
 * results are shown in. Every step's first n rows are the same whatever the
 * limit, so a longer search (a later page) begins with the shorter one.
 */
function searchSteps(workspaceId: string, options: SearchOptions) {
  const where = sql.join(filterConditions(workspaceId, options.filter), sql` AND `);
  const limit = options.limit;
  const none = sql`SELECT NULL::uuid AS id, 0 AS step, 0::real AS score, ''::text AS label WHERE false`;
  const pairs = sql.join(
    options.identities.map((i) => sql`(${i.kind}, ${i.value})`),
    sql`, `,
  );
  const owners = options.identities.length
    ? sql`SELECT c.id, 1 AS step, 0::real AS score, ''::text AS label FROM customers c
           WHERE ${where} AND c.id IN (
             SELECT i.customer_id FROM customer_identities i
              WHERE i.workspace_id = ${workspaceId} AND (i.kind, i.value) IN (${pairs}))
           ORDER BY c.created_at DESC, c.id DESC
           LIMIT ${limit}`
    : none;
  const completeWords = wordQuery(options.terms, 'last');
  const prefixes = wordQuery(options.terms, 'all');
  return {
    where,
    owners,
    /** Customers whose whole name is the query's, when `condition` holds, newest first, up to the limit. */
    exactName(condition: RawBuilder<unknown>) {
      if (!options.nameKey) return none;
      return sql`SELECT c.id, 2 AS step, 0::real AS score, ''::text AS label FROM customers c
                  WHERE ${where} AND ${condition} AND c.name_key = ${options.nameKey}
                  ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`;
    },
    /**
     * Then those containing every word (the last as a word start) under another name, when `condition` holds,
     * newest first, up to the limit less the rows of `before`.
     */
    nameWords(condition: RawBuilder<unknown>, before: RawBuilder<unknown>) {
      if (!completeWords) return none;
      return sql`SELECT c.id, 2 AS step, 1::real AS score, ''::text AS label FROM customers c
                  WHERE ${where} AND ${condition} AND c.search_vector @@ to_tsquery('rapport_words', ${completeWords})
                    AND c.name_key <> ${options.nameKey}
                  ORDER BY c.created_at DESC, c.id DESC
                  LIMIT ${limit} - (SELECT count(*) FROM ${before})`;
    },
    /** Every word as a word start, when `condition` holds, without the customers of `exclude`, up to the limit. */
    allPrefixes(condition: RawBuilder<unknown>, exclude: RawBuilder<unknown> | null) {
      // "kovacs" is "kovacs:*" in both queries: nothing to add then.
      if (prefixes === null || prefixes === completeWords) return none;
      const taken = exclude ? sql`(SELECT count(*) FROM ${exclude})` : sql`0`;
      return sql`SELECT c.id, 4 AS step, 0::real AS score, ''::text AS label FROM customers c
                  WHERE ${where} AND ${condition} AND c.search_vector @@ to_tsquery('rapport_words', ${prefixes})
                    ${exclude ? sql`AND c.id NOT IN (SELECT id FROM ${exclude})` : sql``}
                  ORDER BY c.created_at DESC, c.id DESC
                  LIMIT ${limit} - ${taken}`;
    },
    /**
     * Customers with an identity starting with one of the parts, or an email in
     * one of the domains, when `condition` holds: by the matching identity in
     * byte order (a domain's addresses by domain, then address). Each kind is
     * read in its own range of the identities' index, in order, so a common
     * start ("+36") stops after `limit` entries.
     */
    identityParts(condition: RawBuilder<unknown>) {
      const { starts, domains } = options.identityParts;
      if (starts.length + domains.length === 0) return none;
      const sources = [
        ...starts.flatMap((part) =>
          kindsStartingWith(part).map(
            (kind) => sql`(SELECT customer_id, value AS label FROM customer_identities
                            WHERE workspace_id = ${workspaceId} AND kind = ${kind} AND value LIKE ${`${escapeLike(part)}%`}
                            ORDER BY value LIMIT ${limit})`,
          ),
        ),
        ...domains.map(
          (domain) => sql`(SELECT customer_id, split_part(value, '@', 2) || ' ' || value AS label FROM customer_identities
                            WHERE workspace_id = ${workspaceId} AND kind = 'email'
                              AND split_part(value, '@', 2) LIKE ${`${escapeLike(domain)}%`}
                            ORDER BY split_part(value, '@', 2), value LIMIT ${limit})`,
        ),
      ];
      return sql`SELECT c.id, 5 AS step, 0::real AS score, i.label FROM (
                   SELECT customer_id, min(label COLLATE "C") AS label FROM (${sql.join(sources, sql` UNION ALL `)}) s
                    GROUP BY customer_id) i
                   JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = i.customer_id
                  WHERE ${where} AND ${condition}
                  ORDER BY i.label COLLATE "C", c.created_at DESC, c.id DESC
                  LIMIT ${limit}`;
    },
    /** The summaries of the customers in `found`, best step first, each step in its own order. */
    present: sql`SELECT ${summaryColumns} FROM found
                   JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = found.id
                  ORDER BY found.step, found.score, found.label COLLATE "C", c.created_at DESC, c.id DESC`,
  };
}

/**
 * The words of a query as a tsquery: "kovacs ada" → "kovacs & ada:*" (`last`:
 * the last word may be unfinished) or "kovacs:* & ada:*" (`all`: every word is
 * the start of a word). Only letters and digits reach the query.
 */
export function wordQuery(terms: string[], prefixes: 'last' | 'all'): string | null {
  const words = terms.flatMap((term) => term.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((word, i) => (prefixes === 'all' || i === words.length - 1 ? `${word}:*` : word)).join(' & ');
}
