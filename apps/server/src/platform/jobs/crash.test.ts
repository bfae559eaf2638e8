import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@rapport/db';
import { createFreshDatabase } from '../../../test/database.js';
import { createWorkspace } from '../../../test/factories.js';
import { enqueueJob } from './queue.js';

const script = fileURLToPath(new URL('../../../test/fixtures/job-process.ts', import.meta.url));

function runWorkerProcess(
  location: { url?: string; dataDir?: string },
  env: Record<string, string>,
): { child: ChildProcess; lines: AsyncIterable<string> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
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

describe('a job whose process is killed mid-run', () => {
  it('runs again after restart, and its effect happens exactly once', async () => {
    const fresh = await createFreshDatabase();
    const { workspaceId } = await createWorkspace(fresh.database.db);
    await enqueueJob(fresh.database.db, { name: 'test.slow_effect', payload: { workspaceId, key: 'once' } });
    // PGlite belongs to one process at a time: hand the folder over.
    if (fresh.location.dataDir) await fresh.database.close();

    const first = runWorkerProcess(fresh.location, { HOLD_MS: '60000', LEASE_SECONDS: '1' });
    for await (const line of first.lines) if (line === 'IN_TRANSACTION') break;
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = runWorkerProcess(fresh.location, { HOLD_MS: '0', LEASE_SECONDS: '1' });
    const seen: string[] = [];
    for await (const line of second.lines) seen.push(line);
    expect(await exited(second.child)).toBe(0);
    expect(seen).toContain('JOB_DONE');

    const database = fresh.location.dataDir ? await openDatabase({ dataDir: fresh.location.dataDir }) : fresh.database;
    const effects = await database.db
      .selectFrom('events')
      .select('subject_id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'test.effect')
      .execute();
    const job = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'test.slow_effect').executeTakeFirstOrThrow();
    expect(effects).toHaveLength(1);
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    if (fresh.location.dataDir) await database.close();
    await fresh.drop().catch(() => undefined);
  }, 60_000);
});
