import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB, type Job } from '@rapport/db';
import { createFreshDatabase } from '../../../../test/database.js';
import { createWorkspace } from '../../../../test/factories.js';
import type { WorkspaceContext } from '../../../platform/context.js';
import type { JobContext } from '../../../platform/jobs/job-definition.js';
import { createLogger } from '../../../platform/logger.js';
import { eraseCustomer } from '../privacy.js';
import './erase-import-data.js';
import { errorReportPath } from './error-report.js';
import { openErrorReport } from './read-customer-imports.js';
import { runCustomerImport } from './run-customer-import.js';
import { applyAllPendingScrubs } from './scrub-error-reports.js';
import { startCustomerImport } from './start-customer-import.js';
import { uploadCustomerImport } from './upload-customer-import.js';

const logger = createLogger({ log: { level: 'silent', format: 'json' } });
const dataDir = mkdtemp(join(tmpdir(), 'rapport-resume-'));
afterAll(async () => rm(await dataDir, { recursive: true, force: true }));

/**
 * 50 rows: rows 26 and 46–50 (lines 27, 47…51) repeat earlier emails, every
 * tenth row has an invalid phone, every tenth a valid one.
 */
function file(): string {
  const lines = ['Name,Email,Phone'];
  for (let i = 0; i < 50; i++) {
    const k = i === 25 ? 3 : i >= 45 ? i - 15 : i;
    const phone = i % 10 === 7 ? '123' : i % 10 === 2 ? `+36 30 ${1_000_000 + i}` : '';
    lines.push(`Customer ${i},c${k}@example.test,${phone}`);
  }
  return lines.join('\n') + '\n';
}

async function prepare(
  db: Kysely<DB>,
  content: string,
  workspace?: Awaited<ReturnType<typeof createWorkspace>>,
  existing: 'update' | 'skip' = 'update',
) {
  const { workspaceId, owner } = workspace ?? (await createWorkspace(db));
  const context: WorkspaceContext = { workspaceId, actor: { type: 'user', id: owner.userId }, role: 'owner' };
  const uploaded = await uploadCustomerImport(db, context, {
    body: Readable.from([content]),
    fileName: 'x.csv',
    dataDir: await dataDir,
  });
  await startCustomerImport(db, context, uploaded.id, {
    mapping: uploaded.suggestedMapping,
    matchBy: 'email_or_phone',
    existing,
  });
  return { workspaceId, importId: uploaded.id, context };
}

function jobContext(db: Kysely<DB>): JobContext {
  return {
    job: { attempts: 1, max_attempts: 10 } as Job,
    db,
    logger,
    signal: new AbortController().signal,
    complete: (work) => db.transaction().execute(work),
  };
}

/** The database, failing the `n`th checkpoint update: that batch's transaction rolls back, as if the process died. */
function crashingAt(db: Kysely<DB>, n: number): Kysely<DB> {
  let seen = 0;
  return db.withPlugin({
    transformQuery({ node }) {
      if (node.kind === 'UpdateQueryNode' && node.returning && JSON.stringify(node.table).includes('customer_imports')) {
        if (++seen === n) throw new Error('simulated crash');
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  });
}

async function outcome(db: Kysely<DB>, workspaceId: string, importId: string) {
  const row = await db.selectFrom('customer_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
  const customers = await db.selectFrom('customers').select(['given_name']).where('workspace_id', '=', workspaceId).execute();
  const identities = await db
    .selectFrom('customer_identities')
    .select(['value'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['data'])
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', 'customer.imported')
    .execute();
  const report = parse<Record<string, string>>(await readFile(errorReportPath(row.file_path), 'utf8'), {
    columns: true,
    bom: true,
  });
  return {
    counts: [row.status, row.rows_done, row.rows_created, row.rows_updated, row.rows_failed, row.rows_warned],
    customers: customers.map((c) => c.given_name).sort(),
    identities: identities.map((i) => i.value).sort(),
    events: events.map((e) => e.data),
    report: report.map((r) => `${r.line} ${r.code}`),
  };
}

describe('an import interrupted mid-way', () => {
  it('resumes from the last committed batch: no row applied twice, no error reported twice', async () => {
    const fresh = await createFreshDatabase();
    const db = fresh.database.db;
    const control = await prepare(db, file());
    await runCustomerImport(jobContext(db), { ...control, batchSize: 7 });
    const expected = await outcome(db, control.workspaceId, control.importId);
    expect(expected.counts).toEqual(['done', 50, 40, 5, 5, 5]);
    expect(new Set(expected.identities).size).toBe(expected.identities.length);

    const crashed = await prepare(db, file());
    await expect(runCustomerImport(jobContext(crashingAt(db, 4)), { ...crashed, batchSize: 7 })).rejects.toThrow(
      'simulated crash',
    );
    const halfway = await db
      .selectFrom('customer_imports')
      .selectAll()
      .where('id', '=', crashed.importId)
      .executeTakeFirstOrThrow();
    expect([halfway.status, halfway.rows_done, halfway.next_line]).toEqual(['running', 21, 23]);
    await runCustomerImport(jobContext(db), { ...crashed, batchSize: 7 });
    const resumed = await outcome(db, crashed.workspaceId, crashed.importId);
    expect(resumed.customers).toEqual(expected.customers);
    expect(resumed.identities).toEqual(expected.identities);
    expect(resumed.report.filter((line) => !line.endsWith('duplicate_in_file'))).toEqual([
      '9 invalid_phone',
      '19 invalid_phone',
      '29 invalid_phone',
      '39 invalid_phone',
      '49 invalid_phone',
    ]);
    // Rows seen before the crash are not remembered by the resumed run: line 27 repeats line 5 unwarned.
    expect(resumed.counts).toEqual(['done', 50, 40, 5, 5, 4]);
    expect(resumed.events).toEqual([{ status: 'done', rows: 50, created: 40, updated: 5, skipped: 0, failed: 5, warnings: 4 }]);
    await fresh.drop();
  });

  it('skipping existing customers, still adds the file’s repeats to the customers it created, before a crash or after', async () => {
    const fresh = await createFreshDatabase();
    const db = fresh.database.db;
    const crashed = await prepare(db, file(), undefined, 'skip');
    await expect(runCustomerImport(jobContext(crashingAt(db, 4)), { ...crashed, batchSize: 7 })).rejects.toThrow(
      'simulated crash',
    );
    await runCustomerImport(jobContext(db), { ...crashed, batchSize: 7 });
    const resumed = await outcome(db, crashed.workspaceId, crashed.importId);
    expect(resumed.events).toEqual([{ status: 'done', rows: 50, created: 40, updated: 5, skipped: 0, failed: 5, warnings: 4 }]);
    await fresh.drop();
  });
});

describe('a customer erased while an import runs', () => {
  it('is left out of its report at once, and scrubbed from the file when the import ends', async () => {
    const fresh = await createFreshDatabase();
    const db = fresh.database.db;
    const adamRows = ['Kovács Ádám,adam@example.hu,06 30 123 4567', 'Kovács Ádám,adam@example.hu,'];
    const lines = file().trimEnd().split('\n');
    // Ádám on lines 3 and 6 (his email again: a warning that names him), and once more after the crash point.
    lines.splice(2, 0, adamRows[0]!);
    lines.splice(5, 0, adamRows[1]!);
    lines.splice(40, 0, adamRows[1]!);
    const running = await prepare(db, lines.join('\n') + '\n');
    const { workspaceId, importId, context } = running;
    await expect(runCustomerImport(jobContext(crashingAt(db, 3)), { ...running, batchSize: 7 })).rejects.toThrow(
      'simulated crash',
    );
    const row = await db.selectFrom('customer_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
    expect([row.status, row.rows_done]).toEqual(['running', 14]);
    const onDisk = () => readFile(errorReportPath(row.file_path), 'utf8');
    expect(await onDisk()).toContain('adam@example.hu');
    const download = async () => {
      let text = '';
      for await (const chunk of await openErrorReport(db, context, importId)) text += String(chunk);
      return text;
    };
    const before = await download();
    expect(before).toContain('6,warning,Email,adam@example.hu,duplicate_in_file');

    const adam = await db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('workspace_id', '=', workspaceId)
      .where('value', '=', 'adam@example.hu')
      .executeTakeFirstOrThrow();
    await eraseCustomer(db, context, adam.customer_id);
    // The job still writes the file: it keeps his lines, but a download leaves them out, and nothing else.
    expect(await onDisk()).toContain('adam@example.hu');
    const during = await download();
    expect(during).not.toMatch(/adam@example\.hu|Kovács/);
    expect(during.split('\n').length).toBe(before.split('\n').length - 1);
    expect(during).toContain('11,error,Phone,123,invalid_phone');
    const pending = () => db.selectFrom('customer_import_scrubs').select('id').where('workspace_id', '=', workspaceId).execute();
    expect(await pending()).toHaveLength(1);

    await runCustomerImport(jobContext(db), { ...running, batchSize: 7 });
    const done = await db.selectFrom('customer_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    const report = await onDisk();
    expect(report).not.toMatch(/adam@example\.hu|\+36301234567|Kovács/);
    expect(report).toContain('invalid_phone');
    expect(Buffer.byteLength(report)).toBe(Number(done.errors_bytes));
    expect(await pending()).toEqual([]);
    expect(existsSync(row.file_path)).toBe(false);

    // A job that ended without scrubbing (the process died in between) leaves it to the daily cleanup.
    await db
      .insertInto('customer_import_scrubs')
      .values({
        workspace_id: workspaceId,
        id: '01900000-0000-7000-8000-000000000001',
        import_id: importId,
        person: JSON.stringify({ emails: ['c31@example.test'], phones: [], nameKey: '', country: 'HU' }),
      })
      .execute();
    expect(await onDisk()).toContain('c31@example.test');
    expect(await applyAllPendingScrubs(db)).toEqual({ imports: 1 });
    expect(await onDisk()).not.toContain('c31@example.test');
    expect(await pending()).toEqual([]);
    await fresh.drop();
  });
});

const fixture = fileURLToPath(new URL('./import-worker.fixture.mjs', import.meta.url));

function worker(
  location: { url?: string; dataDir?: string },
  env: Record<string, string>,
): { child: ChildProcess; lines: AsyncIterable<string> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fixture], {
    env: { ...process.env, ...(location.url ? { TEST_DB_URL: location.url } : { TEST_DATA_DIR: location.dataDir! }), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { child, lines: createInterface({ input: child.stdout }) };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

describe('an import whose process is killed (kill -9) mid-batch', () => {
  it('runs on in a new process from the last commit, and every row lands once', async () => {
    const fresh = await createFreshDatabase();
    const control = await prepare(fresh.database.db, file());
    await runCustomerImport(jobContext(fresh.database.db), { ...control, batchSize: 10 });
    const expected = await outcome(fresh.database.db, control.workspaceId, control.importId);
    const killed = await prepare(fresh.database.db, file());
    // The embedded database belongs to one process at a time: hand the folder over.
    if (fresh.location.dataDir) await fresh.database.close();

    const first = worker(fresh.location, { HOLD_AT: '3', BATCH_SIZE: '10' });
    for await (const line of first.lines) if (line === 'IN_BATCH 3') break;
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = worker(fresh.location, { BATCH_SIZE: '10' });
    for await (const _line of second.lines) {
      // reads until the process ends
    }
    expect(await exited(second.child)).toBe(0);

    const database = fresh.location.dataDir ? await openDatabase({ dataDir: fresh.location.dataDir }) : fresh.database;
    const after = await outcome(database.db, killed.workspaceId, killed.importId);
    expect(after.customers).toEqual(expected.customers);
    expect(after.identities).toEqual(expected.identities);
    expect(after.counts.slice(0, 5)).toEqual(['done', 50, 40, 5, 5]);
    expect(after.report.filter((line) => !line.endsWith('duplicate_in_file'))).toEqual(
      expected.report.filter((line) => !line.endsWith('duplicate_in_file')),
    );
    expect(after.events).toHaveLength(1);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('idempotency_key', '=', `customer-import:${killed.importId}`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    if (fresh.location.dataDir) await database.close();
    await fresh.drop().catch(() => undefined);
  }, 60_000);
});
