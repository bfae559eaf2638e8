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
  }
}

/**
 * Migrates once: on PostgreSQL (TEST_DATABASE_URL) the shared test database;
 * on PGlite a template data folder each test file starts from a copy of.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ url, poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide('pgliteTemplate', '');
    return async () => undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'rapport-template-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  await database.close();
  project.provide('pgliteTemplate', dir);
  return async () => rm(dir, { recursive: true, force: true });
}
