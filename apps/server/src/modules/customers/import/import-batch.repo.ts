import { sql } from 'kysely';
import type { CustomerRow } from '@rapport/db';
import type { Executor } from '../../../platform/context.js';
import { addNameKeys } from '../customers.repo.js';

/**
 * Set-based SQL for writing a batch of imported customers: a few statements
 * per batch whatever its size (rows travel as one JSON document or as arrays),
 * never one statement per row. Every function is scoped by workspace id.
 */

/** The customer columns an import writes, with their SQL types (for json_to_recordset). */
const columns = [
  ['id', 'uuid'],
  ['given_name', 'text'],
  ['family_name', 'text'],
  ['middle_name', 'text'],
  ['title', 'text'],
  ['formality', 'text'],
  ['language', 'text'],
  ['country', 'text'],
  ['time_zone', 'text'],
  ['time_zone_source', 'text'],
  ['company', 'text'],
  ['tags', 'text[]'],
  ['attributes', 'jsonb'],
  ['marketing_consent', 'boolean'],
  ['marketing_consent_at', 'timestamptz'],
  ['marketing_consent_source', 'text'],
  ['search_text', 'text'],
  ['name_key', 'text'],
] as const;

export type ImportedCustomerRow = Pick<CustomerRow, (typeof columns)[number][0]>;

/** A new customer's row, already in the JSON the insert sends (one string for the collector to keep, not an object graph). */
export interface SerializedCustomerRow {
  id: string;
  nameKey: string;
  json: string;
}

export function serializeCustomerRow(row: ImportedCustomerRow): SerializedCustomerRow {
  return { id: row.id, nameKey: row.name_key, json: JSON.stringify(row) };
}

const recordType = sql.raw(columns.map(([name, type]) => `${name} ${type}`).join(', '));
const columnList = sql.raw(columns.map(([name]) => name).join(', '));
const fromRecord = sql.raw(columns.map(([name]) => `x.${name}`).join(', '));
const assignments = sql.raw(
  columns
    .filter(([name]) => name !== 'id')
    .map(([name]) => `${name} = x.${name}`)
    .join(', '),
);

/**
 * Which customers own these identities: identity key ("email:…", "phone:…")
 * → customer id. One probe of the unique index per identity (LATERAL): while
 * an import grows the table faster than statistics follow, a plain join is
 * planned as a hash join over all of the workspace's identities, every batch.
 */
export async function findIdentityOwners(
  db: Executor,
  workspaceId: string,
  identities: { kind: string; value: string }[],
): Promise<Map<string, string>> {
  if (identities.length === 0) return new Map();
  const { rows } = await sql<{ kind: string; value: string; customer_id: string }>`
    SELECT k.kind, k.value, i.customer_id
      FROM unnest(${identities.map((i) => i.kind)}::text[], ${identities.map((i) => i.value)}::text[]) AS k(kind, value)
      CROSS JOIN LATERAL (
        SELECT customer_id FROM customer_identities
         WHERE workspace_id = ${workspaceId} AND kind = k.kind AND value = k.value
         LIMIT 1) i`.execute(db);
  return new Map(rows.map((r) => [`${r.kind}:${r.value}`, r.customer_id]));
}

/** Whether the workspace has any identity yet (an import into an empty one can skip looking up emails new to the file). */
export async function hasIdentities(db: Executor, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customer_identities')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The customers a batch updates, locked until it commits (in id order, so concurrent writers do not deadlock). */
export async function lockCustomers(db: Executor, workspaceId: string, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Their identities, oldest first (the first phone decides an inferred time zone). */
export async function listIdentitiesOf(db: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customer_identities')
    .select(['customer_id', 'kind', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Inserts new customers (and their names into the name list) in one statement; created_at, updated_at and
 * first_seen_at are the batch's time, and the import is recorded as the one that created them.
 */
export async function insertCustomerRows(
  db: Executor,
  workspaceId: string,
  importId: string,
  rows: SerializedCustomerRow[],
): Promise<void> {
  if (rows.length === 0) return;
  // The batch's distinct names, to the name list in the same statement (cheaper than RETURNING every row).
  const nameKeys = [...new Set(rows.map((r) => r.nameKey))];
  await sql`
    WITH inserted AS (
      INSERT INTO customers (workspace_id, ${columnList}, first_seen_at, created_by_import_id)
      SELECT ${workspaceId}, ${fromRecord}, now(), ${importId}::uuid
        FROM json_to_recordset(${`[${rows.map((r) => r.json).join(',')}]`}::json) AS x(${recordType})),
    ${addNameKeys(sql`SELECT ${workspaceId}::uuid AS workspace_id, unnest(${nameKeys}::text[]) AS name_key`)}
    SELECT 1`.execute(db);
}

/** Writes the new values of existing customers in one statement. */
export async function updateCustomerRows(db: Executor, workspaceId: string, rows: ImportedCustomerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE customers AS c SET ${assignments}, updated_at = now()
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${recordType})
     WHERE c.workspace_id = ${workspaceId} AND c.id = x.id`.execute(db);
}

/**
 * Links the customers a batch updated to the import, in one statement (those
 * it created name it in their row). A customer an earlier batch of the import
 * created or linked keeps that.
 */
export async function linkUpdatedCustomers(db: Executor, workspaceId: string, importId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    INSERT INTO customer_import_links (workspace_id, customer_id, import_id, outcome)
    SELECT ${workspaceId}, l.customer_id, ${importId}, 'updated'
      FROM unnest(${ids}::uuid[]) AS l(customer_id)
     WHERE NOT EXISTS (
       SELECT 1 FROM customers c
        WHERE c.workspace_id = ${workspaceId} AND c.id = l.customer_id AND c.created_by_import_id = ${importId})
    ON CONFLICT DO NOTHING`.execute(db);
}

/** Adds identities in one statement; one another writer took meanwhile fails the batch (it is retried). */
export async function insertIdentityRows(
  db: Executor,
  workspaceId: string,
  rows: { id: string; customer_id: string; kind: string; value: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO customer_identities (workspace_id, id, customer_id, kind, value)
    SELECT ${workspaceId}, *
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.customer_id)}::uuid[],
                  ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.value)}::text[])`.execute(db);
}
