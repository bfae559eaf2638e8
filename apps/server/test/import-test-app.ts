import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { sharedTestDatabase } from './database.js';
import { startTestApp, type TestApp } from './harness.js';
import { createLogger } from '../src/platform/logger.js';
import { JobWorker } from '../src/platform/jobs/worker.js';
import { customerImportJob } from '../src/modules/customers/import/import-job.js';

/**
 * For import tests: the app on this file's database with its own data folder,
 * and a job worker running the import job (fast polling, immediate retries).
 * Started before the file's tests, stopped after them.
 */
export function importTestApp(): { readonly app: TestApp } {
  let app: TestApp | undefined;
  let worker: JobWorker | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    const { database } = await sharedTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-imports-'));
    app = await startTestApp(database, { RAPPORT_DATA_DIR: dataDir });
    worker = new JobWorker(database, createLogger({ log: { level: 'silent', format: 'json' } }), {
      concurrency: 2,
      pollMs: 20,
      leaseSeconds: 30,
      retryDelaySeconds: () => 0,
    });
    worker.register(customerImportJob);
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.runtime.app?.close();
    await (await sharedTestDatabase()).drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get app() {
      if (!app) throw new Error('the import test app is not started yet');
      return app;
    },
  };
}
