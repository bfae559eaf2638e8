import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { CustomerImportRow, CustomerImportScrubRow, CustomerImportsTable } from '@rapport/db';
import { newId } from '../../../platform/ids.js';
import type { Executor } from '../../../platform/context.js';
import { isAfter, type Position } from '../../../platform/pagination.js';

/** SQL for customer_imports. Every function is scoped by workspace id. */

/** An import with the state of its job (a job that failed for good fails the import). */
export type ImportWithJob = CustomerImportRow & { job_status: string | null; job_error: string | null };

/** The idempotency key of an import's job: one job per import. */
export function importJobKey(importId: string): string {
  return `customer-import:${importId}`;
}

export async function insertImport(db: Executor, row: Insertable<CustomerImportsTable>): Promise<void> {
  await db.insertInto('customer_imports').values(row).execute();
}

function withJob(db: Executor) {
  return db
    .selectFrom('customer_imports')
    .leftJoin('jobs', (join) => join.on(sql<boolean>`jobs.idempotency_key = 'customer-import:' || customer_imports.id::text`))
    .selectAll('customer_imports')
    .select(['jobs.status as job_status', 'jobs.last_error as job_error']);
}

export async function findImport(db: Executor, workspaceId: string, importId: string): Promise<ImportWithJob | undefined> {
  return withJob(db)
    .where('customer_imports.workspace_id', '=', workspaceId)
    .where('customer_imports.id', '=', importId)
    .executeTakeFirst();
}

/** Locks the import row for a change of state. */
export async function lockImport(db: Executor, workspaceId: string, importId: string): Promise<CustomerImportRow | undefined> {
  return db
    .selectFrom('customer_imports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .forUpdate()
    .executeTakeFirst();
}

/** Imports newest first, paged by (created_at, id). */
export async function listImports(db: Executor, workspaceId: string, limit: number, after?: Position): Promise<ImportWithJob[]> {
  let query = withJob(db)
    .where('customer_imports.workspace_id', '=', workspaceId)
    .orderBy('customer_imports.created_at', 'desc')
    .orderBy('customer_imports.id', 'desc')
    .limit(limit + 1);
  if (after) query = query.where(isAfter(after, 'desc', ['customer_imports.created_at', 'customer_imports.id']));
  return query.execute();
}

export async function updateImport(
  db: Executor,
  workspaceId: string,
  importId: string,
  values: Updateable<CustomerImportsTable>,
): Promise<void> {
  await db
    .updateTable('customer_imports')
    .set({ ...values, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .execute();
}

export interface Checkpoint {
  nextOffset: number;
  nextLine: number;
  errorsBytes: number;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  warned: number;
}

/**
 * Moves the checkpoint past a batch, in the batch's transaction, only if it
 * still stands where the batch started (`fromOffset`): a second worker that
 * took the import over cannot apply the same rows again. Returns the new
 * totals, or undefined when the checkpoint had moved.
 */
export async function advanceCheckpoint(
  db: Executor,
  workspaceId: string,
  importId: string,
  fromOffset: number,
  step: Checkpoint,
): Promise<CustomerImportRow | undefined> {
  return db
    .updateTable('customer_imports')
    .set((eb) => ({
      next_offset: step.nextOffset,
      next_line: step.nextLine,
      errors_bytes: step.errorsBytes,
      rows_done: eb('rows_done', '+', step.rows),
      rows_created: eb('rows_created', '+', step.created),
      rows_updated: eb('rows_updated', '+', step.updated),
      rows_skipped: eb('rows_skipped', '+', step.skipped),
      rows_failed: eb('rows_failed', '+', step.failed),
      rows_warned: eb('rows_warned', '+', step.warned),
      updated_at: new Date(),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .where('next_offset', '=', String(fromOffset))
    .returningAll()
    .executeTakeFirst();
}

/**
 * The imports whose error report may name someone, locked: the finished ones
 * (done or failed) that reported problems, and the queued and running ones,
 * whose reports their jobs are writing. Whoever waited for the lock reads the
 * row as its holder left it (a running import that has just finished is
 * finished).
 */
export async function lockImportsWithReports(db: Executor, workspaceId: string) {
  return db
    .selectFrom('customer_imports')
    .select(['id', 'status', 'file_path'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['queued', 'running']),
        eb.and([eb('status', 'in', ['done', 'failed']), eb('errors_bytes', '>', '0')]),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Keeps a person to scrub from a queued or running import's report when it ends. */
export async function addPendingScrub(
  db: Executor,
  workspaceId: string,
  importId: string,
  person: CustomerImportScrubRow['person'],
): Promise<void> {
  await db
    .insertInto('customer_import_scrubs')
    .values({ workspace_id: workspaceId, id: newId(), import_id: importId, person: JSON.stringify(person) })
    .execute();
}

/** The people to scrub from an import's report, oldest first. */
export async function listPendingScrubs(db: Executor, workspaceId: string, importId: string) {
  return db
    .selectFrom('customer_import_scrubs')
    .select(['id', 'person'])
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .orderBy('id')
    .execute();
}

export async function deletePendingScrubs(db: Executor, workspaceId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('customer_import_scrubs').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** Finished imports that still have people to scrub (their job ended without doing it, e.g. the process died). */
export async function listFinishedImportsWithPendingScrubs(db: Executor) {
  return db
    .selectFrom('customer_imports as i')
    .select(['i.workspace_id', 'i.id'])
    .where('i.status', 'in', ['done', 'failed'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_import_scrubs as s')
          .select('s.id')
          .whereRef('s.workspace_id', '=', 'i.workspace_id')
          .whereRef('s.import_id', '=', 'i.id'),
      ),
    )
    .execute();
}

/**
 * A customer's imports (what each did to them first), newest first, before a
 * timeline position, with the file's name while the import is kept: the one
 * that created them (their row says which, dated when it did) and the links of
 * those that updated them or created a customer merged into them.
 */
export async function listImportLinks(
  db: Executor,
  workspaceId: string,
  customerId: string,
  before: RawBuilder<boolean>,
  limit: number,
) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('customer_import_links')
        .select(['workspace_id', 'import_id', 'outcome', 'imported_at'])
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', '=', customerId)
        .unionAll(
          eb
            .selectFrom('customers')
            .select([
              'workspace_id',
              sql<string>`created_by_import_id`.as('import_id'),
              sql<'created'>`'created'`.as('outcome'),
              'created_at as imported_at',
            ])
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', customerId)
            .where('created_by_import_id', 'is not', null),
        )
        .as('l'),
    )
    .leftJoin('customer_imports as i', (join) =>
      join.onRef('i.workspace_id', '=', 'l.workspace_id').onRef('i.id', '=', 'l.import_id'),
    )
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'i.actor_id').on('i.actor_type', '=', 'user'))
    .select(['l.import_id', 'l.outcome', 'l.imported_at', 'i.file_name', 'u.name as actor_name'])
    .where(before)
    .orderBy('l.imported_at', 'desc')
    .orderBy('l.import_id', 'desc')
    .limit(limit)
    .execute();
}

/** Forgets which imports wrote the customer (erasure). */
export async function deleteImportLinks(db: Executor, workspaceId: string, customerId: string): Promise<void> {
  await db
    .deleteFrom('customer_import_links')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .execute();
}

/**
 * Moves a merged customer's imports to the customer kept: their links, and the
 * import that created them as a 'created' link; an import that wrote both
 * keeps what it did to the kept one.
 */
export async function moveImportLinks(db: Executor, workspaceId: string, targetId: string, sourceId: string): Promise<void> {
  await sql`
    INSERT INTO customer_import_links (workspace_id, customer_id, import_id, outcome, imported_at)
    SELECT l.workspace_id, ${targetId}, l.import_id, l.outcome, l.imported_at
      FROM (SELECT workspace_id, import_id, outcome, imported_at FROM customer_import_links
             WHERE workspace_id = ${workspaceId} AND customer_id = ${sourceId}
            UNION ALL
            SELECT workspace_id, created_by_import_id, 'created', created_at FROM customers
             WHERE workspace_id = ${workspaceId} AND id = ${sourceId} AND created_by_import_id IS NOT NULL) l
     WHERE NOT EXISTS (
       SELECT 1 FROM customers t
        WHERE t.workspace_id = ${workspaceId} AND t.id = ${targetId} AND t.created_by_import_id = l.import_id)
    ON CONFLICT DO NOTHING`.execute(db);
  await deleteImportLinks(db, workspaceId, sourceId);
}
