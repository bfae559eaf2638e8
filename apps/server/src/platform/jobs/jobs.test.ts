import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '@rapport/db';
import { sharedTestDatabase } from '../../../test/database.js';
import { createWorkspace } from '../../../test/factories.js';
import { createLogger } from '../logger.js';
import { recordEvent } from '../events.js';
import { JobWorker } from './worker.js';
import { defineJob, type JobDefinition } from './job-definition.js';
import { backoffSeconds, enqueueJob } from './queue.js';
import { until } from '../../../test/wait.js';

const logger = createLogger({ log: { level: 'silent', format: 'json' } });
let database: Database;
beforeAll(async () => {
  database = (await sharedTestDatabase()).database;
});
afterAll(async () => (await sharedTestDatabase()).drop());

/** A job whose effect is an event row, made exactly once inside complete(). */
function effectJob(name: string, options: { failTimes?: Map<string, number>; maxAttempts?: number } = {}): JobDefinition {
  return defineJob({
    name,
    payload: z.object({ workspaceId: z.string(), key: z.string() }),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    async handle(payload, context) {
      const left = options.failTimes?.get(payload.key) ?? 0;
      if (left > 0) {
        options.failTimes?.set(payload.key, left - 1);
        throw new Error(`planned failure, ${left} left`);
      }
      await context.complete((trx) =>
        recordEvent(
          trx,
          { workspaceId: payload.workspaceId, actor: { type: 'system', id: null } },
          { name: 'test.effect', subjectType: 'job', subjectId: payload.key },
        ),
      );
    },
  });
}

async function effects(workspaceId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('events')
    .select('subject_id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', 'test.effect')
    .execute();
  return rows.map((r) => r.subject_id).sort();
}

function startWorker(definition: JobDefinition, options: Partial<ConstructorParameters<typeof JobWorker>[2]> = {}): JobWorker {
  const worker = new JobWorker(database, logger, {
    concurrency: 4,
    pollMs: 50,
    leaseSeconds: 30,
    retryDelaySeconds: () => 0,
    ...options,
  });
  worker.register(definition);
  return worker;
}

describe('job queue', () => {
  it('enqueues inside the caller’s transaction: a rolled-back change leaves no job', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const name = `test.tx_${workspaceId}`;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { name, payload: { workspaceId, key: 'rolled-back' }, workspaceId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await database.db
      .transaction()
      .execute((trx) => enqueueJob(trx, { name, payload: { workspaceId, key: 'committed' }, workspaceId }));
    const worker = startWorker(effectJob(name));
    await worker.start();
    await until(async () => (await effects(workspaceId)).length === 1);
    await worker.stop();
    expect(await effects(workspaceId)).toEqual(['committed']);
  });

  it('keeps one job per idempotency key and waits for run_at', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const name = `test.key_${workspaceId}`;
    const first = await enqueueJob(database.db, { name, payload: { workspaceId, key: 'a' }, idempotencyKey: `k-${workspaceId}` });
    const second = await enqueueJob(database.db, {
      name,
      payload: { workspaceId, key: 'b' },
      idempotencyKey: `k-${workspaceId}`,
    });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    await enqueueJob(database.db, { name, payload: { workspaceId, key: 'later' }, runAt: new Date(Date.now() + 1500) });
    const worker = startWorker(effectJob(name));
    await worker.start();
    await until(async () => (await effects(workspaceId)).length === 1);
    expect(await effects(workspaceId)).toEqual(['a']);
    await until(async () => (await effects(workspaceId)).length === 2);
    await worker.stop();
    expect(await effects(workspaceId)).toEqual(['a', 'later']);
  });

  it('retries failures with backoff, then gives up with the last error', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const name = `test.retry_${workspaceId}`;
    const failTimes = new Map([
      ['flaky', 2],
      ['broken', 99],
    ]);
    const flaky = await enqueueJob(database.db, { name, payload: { workspaceId, key: 'flaky' } });
    const broken = await enqueueJob(database.db, { name, payload: { workspaceId, key: 'broken' }, maxAttempts: 3 });
    const worker = startWorker(effectJob(name, { failTimes }));
    await worker.start();
    const status = async (id: string | null) =>
      database.db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    await until(async () => (await status(flaky)).status === 'done' && (await status(broken)).status === 'failed');
    await worker.stop();
    expect(await status(flaky)).toMatchObject({ attempts: 3, last_error: null });
    expect(await status(broken)).toMatchObject({ attempts: 3, last_error: 'planned failure, 97 left' });
    expect(await effects(workspaceId)).toEqual(['flaky']);
  });

  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(backoffSeconds(1, () => 0.5)).toBe(2);
    expect(backoffSeconds(5, () => 0.5)).toBe(32);
    expect(backoffSeconds(30, () => 1)).toBe(4320);
    expect(backoffSeconds(3, () => 0)).toBe(6);
  });

  it('lets two workers share a queue without running any job twice (SKIP LOCKED)', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const name = `test.shared_${workspaceId}`;
    const keys = Array.from({ length: 40 }, (_, i) => `job-${String(i).padStart(2, '0')}`);
    for (const key of keys) await enqueueJob(database.db, { name, payload: { workspaceId, key } });
    const definition = effectJob(name);
    const workers = [startWorker(definition), startWorker(definition)];
    await Promise.all(workers.map((w) => w.start()));
    await until(async () => (await effects(workspaceId)).length >= 40);
    await Promise.all(workers.map((w) => w.stop()));
    expect(await effects(workspaceId)).toEqual(keys);
  });

  it('marks a job with an invalid payload failed without retrying', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const name = `test.invalid_${workspaceId}`;
    const id = await enqueueJob(database.db, { name, payload: { nonsense: true } });
    const worker = startWorker(effectJob(name));
    await worker.start();
    await until(
      async () =>
        (await database.db.selectFrom('jobs').select('status').where('id', '=', id!).executeTakeFirstOrThrow()).status ===
        'failed',
    );
    await worker.stop();
    const job = await database.db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain('invalid payload');
  });
});
