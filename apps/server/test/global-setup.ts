import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// A relative import: global setup runs outside the test resolver, and must not need a build.
import { openDatabase } from '../../../packages/db/src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder that test files copy (empty string on PostgreSQL). */
    pgliteTemplate: string;
    /** On PostgreSQL, the migrated database that test files create theirs from (empty string on PGlite). */
    postgresTemplate: string;
  }
}

/**
 * Migrates once: on PostgreSQL the database of TEST_DATABASE_URL, which each
 * test file's database is created from (CREATE DATABASE … TEMPLATE); on PGlite
 * a template data folder each test file starts from a copy of. One database
 * per test file on both engines: the job workers of one file never take
 * another file's jobs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ url, poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide('pgliteTemplate', '');
    project.provide('postgresTemplate', decodeURIComponent(new URL(url).pathname.slice(1)));
    return async () => undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'rapport-template-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  await database.close();
  project.provide('pgliteTemplate', dir);
  project.provide('postgresTemplate', '');
  return async () => rm(dir, { recursive: true, force: true });
}
