import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '@rapport/db';
import type { DuplicateReason, IdentityKind } from '@rapport/contracts';
import type { Executor } from '../../platform/context.js';
import type { Position } from '../../platform/pagination.js';

/**
 * SQL for likely duplicates and their dismissals. Every probe is an index
 * lookup: contacts through customer_identities_contact_idx, names through the
 * name key indexes (see migration 202611251000_customer_duplicates.sql).
 */

/** One likely duplicate of a customer, as the probes find it. */
export interface MatchRow {
  duplicate_id: string;
  reason: DuplicateReason;
  score: number;
  customer_kind: IdentityKind | null;
  customer_value: string | null;
  duplicate_kind: IdentityKind | null;
  duplicate_value: string | null;
}

/** A customer checked by the workspace-wide probe, with what was found (duplicate_id null: nothing). */
export type ProbedRow = { customer_id: string; created_at: Date } & { [K in keyof MatchRow]: MatchRow[K] | null };

// The two records of one pair, in either order, marked "not the same person".
const isDismissed = (a: string, b: string) =>
  sql.raw(`EXISTS (SELECT 1 FROM customer_duplicate_dismissals d
     WHERE d.workspace_id = ${a}.workspace_id AND d.first_id = least(${a}.id, ${b}.id) AND d.second_id = greatest(${a}.id, ${b}.id))`);

// Names only tell with the same company or country (or neither known).
const sameContext = (a: string, b: string) =>
  sql.raw(`(${a}.company IS NOT DISTINCT FROM ${b}.company OR ${a}.country IS NOT DISTINCT FROM ${b}.country)`);

// Strongest reason first, when one pair is found twice.
const rank = sql`CASE m.reason WHEN 'same_email' THEN 0 WHEN 'same_phone' THEN 1 WHEN 'same_name' THEN 2 ELSE 3 END`;

/**
 * The next `batch` customers, newest first after `after`, each with up to five
 * likely duplicates among the customers created before it (so a pair is found
 * once, from its newer record): others reaching one of its contacts (up to
 * three), one with the same name key, and the most similar name among the
 * keys next to its own in the name key indexes or its name without one of
 * three or more words. Rows come in checking order; a customer with nothing
 * found has one row with a null duplicate_id. Bounded work per customer.
 */
export async function probeNewestCustomers(
  db: Executor,
  workspaceId: string,
  after: Position | undefined,
  batch: number,
  threshold: number,
): Promise<ProbedRow[]> {
  const position = after ? sql`AND (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
  const older = sql.raw('(b.created_at, b.id) < (a.created_at, a.id)');
  const { rows } = await sql<ProbedRow>`
    SELECT a.id AS customer_id, a.created_at, m.duplicate_id, m.reason, m.score,
           m.customer_kind, m.customer_value, m.duplicate_kind, m.duplicate_value
      FROM (SELECT id, workspace_id, name_key, company, country, created_at,
                   substring(name_key FROM '^\\S+ .') AS key_prefix,
                   customer_name_key_last_first(name_key) AS last_first_key,
                   substring(customer_name_key_last_first(name_key) FROM '^\\S+ .') AS last_first_prefix
              FROM customers
             WHERE workspace_id = ${workspaceId} ${position}
             ORDER BY created_at DESC, id DESC
             LIMIT ${batch}) a
      LEFT JOIN LATERAL (
        SELECT DISTINCT ON (m.duplicate_id) m.*
          FROM (
            (SELECT j.customer_id AS duplicate_id,
                    CASE j.kind WHEN 'email' THEN 'same_email' ELSE 'same_phone' END AS reason, 1::real AS score,
                    i.kind AS customer_kind, i.value AS customer_value, j.kind AS duplicate_kind, j.value AS duplicate_value
               FROM customer_identities i
               CROSS JOIN LATERAL ${sameContactAs('i')} j
               JOIN customers b ON b.workspace_id = j.workspace_id AND b.id = j.customer_id
              WHERE i.workspace_id = a.workspace_id AND i.customer_id = a.id
                AND customer_contact_key(i.kind, i.value) IS NOT NULL
                AND b.id <> a.id AND ${older} AND NOT ${isDismissed('a', 'b')}
              LIMIT 3)
            UNION ALL
            (SELECT b.id, 'same_name', 1::real, NULL, NULL, NULL, NULL
               FROM customers b
              WHERE b.workspace_id = a.workspace_id AND b.name_key = a.name_key AND b.name_key <> ''
                AND ${older} AND ${sameContext('a', 'b')} AND NOT ${isDismissed('a', 'b')}
              ORDER BY b.created_at DESC, b.id DESC
              LIMIT 1)
            UNION ALL
            (SELECT b.id, 'similar_name', k.score, NULL, NULL, NULL, NULL
               FROM (SELECT k.name_key, similarity(k.name_key, a.name_key) AS score
                       FROM (${similarNameCandidates()}) k
                      WHERE k.name_key <> a.name_key AND similarity(k.name_key, a.name_key) >= ${threshold}
                      ORDER BY 2 DESC, 1
                      LIMIT 5) k
              CROSS JOIN LATERAL (
                SELECT b.id FROM customers b
                 WHERE b.workspace_id = a.workspace_id AND b.name_key = k.name_key AND b.name_key <> ''
                   AND ${older} AND ${sameContext('a', 'b')} AND NOT ${isDismissed('a', 'b')}
                 ORDER BY b.created_at DESC, b.id DESC
                 LIMIT 1) b
              ORDER BY k.score DESC
              LIMIT 1)
          ) m
         ORDER BY m.duplicate_id, ${rank}
      ) m ON true
     ORDER BY a.created_at DESC, a.id DESC, ${rank} NULLS LAST, m.score DESC`.execute(db);
  return rows;
}

/**
 * The identities reaching the same contact as identity `i` (its alias), itself
 * included: the same number as phone or WhatsApp, or the same mailbox. Each
 * branch is one index probe: identities that are their own contact key through
 * the unique (workspace_id, kind, value) index, the others (+tags, Gmail)
 * through the partial customer_identities_contact_idx.
 */
function sameContactAs(i: string): RawBuilder<unknown> {
  return sql.raw(`(
    SELECT j.* FROM customer_identities j
     WHERE j.workspace_id = ${i}.workspace_id AND ${i}.kind IN ('phone', 'whatsapp')
       AND j.kind IN ('phone', 'whatsapp') AND j.value = ${i}.value
    UNION ALL
    SELECT j.* FROM customer_identities j
     WHERE j.workspace_id = ${i}.workspace_id AND ${i}.kind = 'email' AND j.kind = 'email'
       AND j.value = substr(customer_contact_key(${i}.kind, ${i}.value), 8)
       AND NOT customer_identity_needs_contact_key(j.kind, j.value)
    UNION ALL
    SELECT j.* FROM customer_identities j
     WHERE j.workspace_id = ${i}.workspace_id AND ${i}.kind = 'email'
       AND customer_identity_needs_contact_key(j.kind, j.value)
       AND customer_contact_key(j.kind, j.value) = customer_contact_key(${i}.kind, ${i}.value))`);
}

/** Name keys read on each side of a customer's key, in each of the two orders: bounded work for any name. */
const neighbours = 200;

/**
 * Name keys near customer a's, read from the workspace's distinct names
 * (customer_name_keys and its indexes) alone: up to
 * 200 keys on each side of a's in key order while they keep the first word
 * and the next word's first letter ("anna n…"), the same around a's key in
 * last-word-first order while they keep the last word and the first word's
 * first letter ("nagy a…"), and a's key without one of its words (three or
 * more). A typo or a missing word keeps a name in one of them.
 */
function similarNameCandidates(): RawBuilder<unknown> {
  const prefixEnd = (prefix: string) => `left(${prefix}, -1) || chr(ascii(right(${prefix}, 1)) + 1)`;
  const around = (key: string, column: string, prefix: string, filter: string) => `
    (SELECT c.name_key FROM customer_name_keys c
      WHERE c.workspace_id = a.workspace_id AND ${filter}
        AND ${column} COLLATE "C" > ${key} AND ${column} COLLATE "C" < ${prefixEnd(prefix)}
      ORDER BY ${column} COLLATE "C"
      LIMIT ${neighbours})
    UNION
    (SELECT c.name_key FROM customer_name_keys c
      WHERE c.workspace_id = a.workspace_id AND ${filter}
        AND ${column} COLLATE "C" >= ${prefix} AND ${column} COLLATE "C" < ${key}
      ORDER BY ${column} COLLATE "C" DESC
      LIMIT ${neighbours})`;
  return sql.raw(`
    ${around('a.name_key', 'c.name_key', 'a.key_prefix', 'true')}
    UNION
    ${around('a.last_first_key', 'customer_name_key_last_first(c.name_key)', 'a.last_first_prefix', "c.name_key LIKE '% %'")}
    UNION
    SELECT array_to_string(w.words[:n - 1] || w.words[n + 1:], ' ')
      FROM (SELECT string_to_array(a.name_key, ' ') AS words) w, generate_subscripts(w.words, 1) n
     WHERE cardinality(w.words) >= 3`);
}

/** The customer to look around, as the probes of one customer need it. */
export interface ProbedCustomer {
  id: string;
  name_key: string;
  company: string | null;
  country: string | null;
}

/** How many of the closest distinct names (customer_name_keys, a GiST trigram index) a profile's check reads. */
const similarNamesLooked = 50;

/**
 * Every customer that may be the same person as `customer`, older or newer
 * (up to `limit` for each reason): reaching one of its contacts, with its name
 * key, or with a name at least `threshold` similar (pg_trgm `%` over the
 * workspace's distinct names); the last two with the same company or country. Dismissed
 * pairs are left out. One pair may come once for each reason.
 */
export async function probeCustomer(
  db: Kysely<DB>,
  workspaceId: string,
  customer: ProbedCustomer,
  threshold: number,
  limit: number,
): Promise<MatchRow[]> {
  return db.transaction().execute(async (trx) => {
    // The `%` operator's threshold, for this transaction only.
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    const a = { id: sql`${customer.id}::uuid`, nameKey: sql`${customer.name_key}::text` };
    const dismissed = sql`EXISTS (SELECT 1 FROM customer_duplicate_dismissals d
       WHERE d.workspace_id = b.workspace_id AND d.first_id = least(${a.id}, b.id) AND d.second_id = greatest(${a.id}, b.id))`;
    const sameContext = sql`(b.company IS NOT DISTINCT FROM ${customer.company}::text OR b.country IS NOT DISTINCT FROM ${customer.country}::text)`;
    const { rows } = await sql<MatchRow>`
      (SELECT j.customer_id AS duplicate_id,
              CASE j.kind WHEN 'email' THEN 'same_email' ELSE 'same_phone' END AS reason, 1::real AS score,
              i.kind AS customer_kind, i.value AS customer_value, j.kind AS duplicate_kind, j.value AS duplicate_value
         FROM customer_identities i
         CROSS JOIN LATERAL ${sameContactAs('i')} j
         JOIN customers b ON b.workspace_id = j.workspace_id AND b.id = j.customer_id
        WHERE i.workspace_id = ${workspaceId} AND i.customer_id = ${a.id}
          AND customer_contact_key(i.kind, i.value) IS NOT NULL AND b.id <> ${a.id} AND NOT ${dismissed}
        LIMIT ${limit})
      UNION ALL
      (SELECT b.id, 'same_name', 1::real, NULL, NULL, NULL, NULL
         FROM customers b
        WHERE b.workspace_id = ${workspaceId} AND b.name_key = ${a.nameKey} AND b.name_key <> '' AND b.id <> ${a.id}
          AND ${sameContext} AND NOT ${dismissed}
        ORDER BY b.created_at
        LIMIT ${limit})
      UNION ALL
      (SELECT b.id, 'similar_name', k.score, NULL, NULL, NULL, NULL
         FROM (SELECT n.name_key, similarity(n.name_key, ${a.nameKey}) AS score FROM customer_name_keys n
                WHERE n.workspace_id = ${workspaceId} AND n.name_key % ${a.nameKey} AND n.name_key <> ${a.nameKey}
                  AND similarity(n.name_key, ${a.nameKey}) >= ${threshold}
                ORDER BY score DESC
                LIMIT ${similarNamesLooked}) k
         JOIN customers b ON b.workspace_id = ${workspaceId} AND b.name_key = k.name_key AND b.name_key <> ''
        WHERE ${sameContext} AND NOT ${dismissed}
        ORDER BY 3 DESC, b.created_at
        LIMIT ${limit})`.execute(trx);
    return rows;
  });
}

export interface DismissalRow {
  first_id: string;
  second_id: string;
  dismissed_by: string | null;
  dismissed_at: Date;
}

/** Marks the pair (ids in order) as two people; the row already there when it was marked before (`isNew` false). */
export async function insertDismissal(
  db: Executor,
  workspaceId: string,
  pair: [string, string],
  dismissedBy: string | null,
): Promise<{ row: DismissalRow; isNew: boolean }> {
  const inserted = await db
    .insertInto('customer_duplicate_dismissals')
    .values({ workspace_id: workspaceId, first_id: pair[0], second_id: pair[1], dismissed_by: dismissedBy })
    .onConflict((conflict) => conflict.doNothing())
    .returning(['first_id', 'second_id', 'dismissed_by', 'dismissed_at'])
    .executeTakeFirst();
  if (inserted) return { row: inserted, isNew: true };
  const row = await db
    .selectFrom('customer_duplicate_dismissals')
    .select(['first_id', 'second_id', 'dismissed_by', 'dismissed_at'])
    .where('workspace_id', '=', workspaceId)
    .where('first_id', '=', pair[0])
    .where('second_id', '=', pair[1])
    .executeTakeFirstOrThrow();
  return { row, isNew: false };
}

/** Removes the mark; false when the pair was not marked. */
export async function deleteDismissal(db: Executor, workspaceId: string, pair: [string, string]): Promise<boolean> {
  const result = await db
    .deleteFrom('customer_duplicate_dismissals')
    .where('workspace_id', '=', workspaceId)
    .where('first_id', '=', pair[0])
    .where('second_id', '=', pair[1])
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
