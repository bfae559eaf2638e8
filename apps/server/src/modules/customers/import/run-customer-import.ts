import { rm } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { CustomerImportRow, DB, Workspace } from '@rapport/db';
import type { ImportDelimiter, ImportEncoding } from '@rapport/contracts';
import type { Executor } from '../../../platform/context.js';
import { recordEvent } from '../../../platform/events.js';
import type { JobContext } from '../../../platform/jobs/job-definition.js';
import { findUser } from '../../auth/auth.repo.js';
import { findWorkspace } from '../../workspaces/workspaces.repo.js';
import { listAttributeDefinitions } from '../attributes.js';
import { applyBatch, type EarlierBatch } from './apply-batch.js';
import * as repo from './customer-imports.repo.js';
import { hasIdentities } from './import-batch.repo.js';
import { readRecords } from './csv-records.js';
import { ErrorReport, errorReportPath } from './error-report.js';
import { reportTexts } from './report-texts.js';
import { compilePlan, type ImportPlan } from './import-plan.js';
import type { RowIssue } from './normalize-row.js';
import { RowBatch } from './row-batch.js';
import { SeenKeys } from './seen-keys.js';
import { applyPendingScrubs } from './scrub-error-reports.js';

/** Rows per transaction: big enough for set-based SQL to pay off, small enough to hold the embedded database briefly. */
export const defaultBatchSize = 2000;
/**
 * Records read between turns of the event loop. Records of a chunk arrive as
 * microtasks; without a turn, the committing batch's next statement would wait
 * for the whole chunk to be parsed before its answer is even read.
 */
const recordsPerTurn = 256;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

class ImportTakenOverError extends Error {
  constructor(importId: string) {
    super(`import ${importId} moved on without this worker (another worker took it over)`);
  }
}

/**
 * Runs (or resumes) an import: streams the file from the checkpoint, reads
 * and validates rows, and writes them a batch per transaction together with
 * the checkpoint and the batch's error report lines, so that after a crash the
 * next run starts exactly where the last commit ended. Parsing goes on while
 * up to three batches are written (in parallel on PostgreSQL), and batches
 * commit in file order. Ends with one customer.imported event. A missing file
 * or a mapping that no longer fits fails the import; other errors throw, and
 * the job's retry resumes from the checkpoint (the last attempt fails it). Once
 * it has ended, its uploaded file goes and the people erased while it ran are
 * scrubbed from its report.
 */
export async function runCustomerImport(
  context: JobContext,
  payload: { workspaceId: string; importId: string; batchSize?: number | undefined },
): Promise<void> {
  const { db } = context;
  const row = await repo.findImport(db, payload.workspaceId, payload.importId);
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  const now = new Date();
  await repo.updateImport(db, row.workspace_id, row.id, {
    status: 'running',
    started_at: row.started_at ?? now,
    run_started_at: now,
    run_rows_start: row.rows_done,
  });
  const workspace = await findWorkspace(db, row.workspace_id);
  const plan = await planOf(db, row, workspace);
  if (typeof plan === 'string') {
    await context.complete((trx) => endImport(trx, row, plan));
    return ended(db, row);
  }
  let report: ErrorReport | undefined;
  try {
    const t = reportTexts(await reportLanguage(db, row, workspace));
    report = await ErrorReport.open(errorReportPath(row.file_path), Number(row.errors_bytes), t);
    // Into an empty workspace, an email or phone new to the file belongs to no one: no need to look it up. (Should
    // someone add it meanwhile, the unique index fails the batch, and the retry finds the workspace not empty.)
    const emptyWorkspace = !(await hasIdentities(db, row.workspace_id));
    await importRows(context, row, { plan, report, batchSize: payload.batchSize ?? defaultBatchSize, emptyWorkspace });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await context.complete((trx) => endImport(trx, row, 'The uploaded file is gone from the data folder; upload it again.'));
      return ended(db, row);
    }
    // The last attempt: say so on the import too (the job is marked failed as this throws).
    if (context.job.attempts >= context.job.max_attempts) {
      await endImport(db, row, `The import stopped: ${error instanceof Error ? error.message : String(error)}`);
      await ended(db, row);
    }
    throw error;
  } finally {
    await report?.close();
  }
  await ended(db, row);
}

/**
 * After an import has ended, however: its uploaded file goes (no import runs
 * twice), and the people erased while it ran are scrubbed from its report.
 */
async function ended(db: Kysely<DB>, row: CustomerImportRow): Promise<void> {
  await rm(row.file_path, { force: true });
  await applyPendingScrubs(db, row.workspace_id, row.id);
}

/** The report's language: that of the person who started the import, else the workspace's. */
async function reportLanguage(db: Executor, row: CustomerImportRow, workspace: Workspace | undefined): Promise<string | null> {
  const user = row.actor_type === 'user' && row.actor_id ? await findUser(db, row.actor_id) : undefined;
  return user?.locale ?? workspace?.default_locale ?? null;
}

async function planOf(db: Executor, row: CustomerImportRow, workspace: Workspace | undefined): Promise<ImportPlan | string> {
  const attributes = await listAttributeDefinitions(db, row.workspace_id);
  const compiled = compilePlan(row.headers, row.mapping ?? {}, attributes, {
    matchBy: row.match_by ?? 'email_or_phone',
    defaultCountry: row.default_country ?? workspace?.country ?? null,
  });
  return compiled.plan ?? `The mapping no longer fits: ${compiled.issues.map((i) => i.message).join('; ')}`;
}

/** A batch being written: what later batches must wait for, or keep clear of. */
interface InFlight extends EarlierBatch {
  keys: Set<string>;
}

/** Batches written at once: on PostgreSQL each on its own connection, in parallel with the others and with parsing. */
const batchesInFlight = 3;

/**
 * Reads the file from the checkpoint and commits a batch at a time, up to
 * `batchesInFlight` of them at once (the embedded database takes them in
 * turn), committing in file order; a batch sharing an email or phone with one
 * in flight starts after that one has committed.
 */
async function importRows(
  context: JobContext,
  row: CustomerImportRow,
  options: { plan: ImportPlan; report: ErrorReport; batchSize: number; emptyWorkspace: boolean },
) {
  const { plan, report, batchSize } = options;
  const seen = new SeenKeys();
  const format = { encoding: row.encoding as ImportEncoding, delimiter: row.delimiter as ImportDelimiter };
  let batch = new RowBatch({ offset: Number(row.next_offset), line: row.next_line });
  const inFlight: InFlight[] = [];
  /** Launches a batch's transaction once there is room; resolves when it is launched. */
  const begin = async (
    ready: RowBatch,
    transaction: (work: (trx: Transaction<DB>) => Promise<CustomerImportRow>) => Promise<CustomerImportRow>,
  ) => {
    while (inFlight.length >= batchesInFlight) await inFlight.shift()!.committed;
    const clash = inFlight.findLastIndex((earlier) => [...ready.keys].some((key) => earlier.keys.has(key)));
    if (clash >= 0) {
      await inFlight[clash]!.committed;
      inFlight.splice(0, clash + 1);
    }
    const earlier = [...inFlight];
    let onLocked: (ids: Set<string>) => void = () => undefined;
    const locked = new Promise<Set<string>>((resolve) => (onLocked = resolve));
    const lookUp = options.emptyWorkspace ? ready.seenBefore : undefined;
    const committed = transaction((trx) => commitBatch(trx, row, plan, report, ready, { earlier, onLocked, lookUp }));
    // A batch that fails before locking must not keep later ones waiting: they fail on `committed`.
    void committed.then(
      () => onLocked(new Set()),
      () => onLocked(new Set()),
    );
    inFlight.push({ keys: ready.keys, locked, committed });
  };
  try {
    let read = 0;
    for await (const item of readRecords(row.file_path, format, batch.start, context.signal)) {
      batch.add(item, plan, seen);
      if (++read % recordsPerTurn === 0) await nextTurn();
      if (batch.size < batchSize) continue;
      await begin(batch, (work) => context.db.transaction().execute(work));
      batch = new RowBatch(batch.end);
    }
    await begin(batch, (work) =>
      context.complete(async (trx) => {
        const totals = await work(trx);
        await endImport(trx, totals, null);
        return totals;
      }),
    );
    await inFlight.at(-1)?.committed;
  } catch (error) {
    // Let batches in flight settle before a retry may start over from the checkpoint.
    await Promise.allSettled(inFlight.map((b) => b.committed));
    throw error;
  }
}

/** Writes a batch, then (after the batch before it has committed) appends its report lines and moves the checkpoint. */
async function commitBatch(
  trx: Executor,
  row: CustomerImportRow,
  plan: ImportPlan,
  report: ErrorReport,
  batch: RowBatch,
  order: { earlier: EarlierBatch[]; onLocked: (ids: Set<string>) => void; lookUp: Set<string> | undefined },
): Promise<CustomerImportRow> {
  const outcomes = await applyBatch(trx, row.workspace_id, batch.valid, {
    importId: row.id,
    matchBy: plan.matchBy,
    existing: row.existing ?? 'update',
    ...order,
  });
  const entries: { line: number; issue: RowIssue }[] = [];
  for (const rejected of batch.rejected) for (const issue of rejected.issues) entries.push({ line: rejected.line, issue });
  let failed = batch.rejected.length;
  let warned = 0;
  batch.valid.forEach(({ line, warnings }, index) => {
    const outcome = outcomes[index]!;
    if (outcome.outcome === 'failed') failed++;
    else if (warnings.length) warned++;
    for (const issue of [...outcome.issues, ...warnings]) entries.push({ line, issue });
  });
  entries.sort((a, b) => a.line - b.line);
  // In file order: the report and the checkpoint follow the batch before.
  await order.earlier.at(-1)?.committed;
  const errorsBytes = await report.append(entries);
  const after = await repo.advanceCheckpoint(trx, row.workspace_id, row.id, batch.start.offset, {
    nextOffset: batch.end.offset,
    nextLine: batch.end.line,
    errorsBytes,
    rows: batch.size,
    created: outcomes.filter((o) => o.outcome === 'created').length,
    updated: outcomes.filter((o) => o.outcome === 'updated').length,
    skipped: outcomes.filter((o) => o.outcome === 'skipped').length,
    failed,
    warned,
  });
  if (!after) throw new ImportTakenOverError(row.id);
  return after;
}

/** Marks the import done (error null) or failed, with its one customer.imported event (counts only, no personal data). */
async function endImport(db: Executor, row: CustomerImportRow, error: string | null): Promise<void> {
  const status = error === null ? 'done' : 'failed';
  await repo.updateImport(db, row.workspace_id, row.id, { status, error, finished_at: new Date() });
  const totals = (await repo.findImport(db, row.workspace_id, row.id)) ?? row;
  await recordEvent(
    db,
    { workspaceId: row.workspace_id, actor: { type: row.actor_type ?? 'system', id: row.actor_id } },
    {
      name: 'customer.imported',
      subjectType: 'customer_import',
      subjectId: row.id,
      data: {
        status,
        rows: totals.rows_done,
        created: totals.rows_created,
        updated: totals.rows_updated,
        skipped: totals.rows_skipped,
        failed: totals.rows_failed,
        warnings: totals.rows_warned,
      },
    },
  );
}
