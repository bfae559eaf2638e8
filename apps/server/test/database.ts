import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '@rapport/db';

/** Which engine the suite runs on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  /** A connection string (PostgreSQL) or data folder (PGlite) for another process to open. */
  location: { url?: string; dataDir?: string };
  drop(): Promise<void>;
}

/** The PostgreSQL server's maintenance database: creating from a template needs no session in the template. */
function maintenanceUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

/**
 * A new, migrated, empty database of the suite's engine: a copy of the
 * migrated PGlite template, or a new database on the PostgreSQL server made
 * from the migrated template database.
 */
export async function createFreshDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `rapport_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: maintenanceUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE "${inject('postgresTemplate').replace(/"/g, '""')}"`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ url: target.toString(), poolSize: options.poolSize ?? 4 });
    return {
      database,
      location: { url: target.toString() },
      drop: async () => {
        await database.close();
        const client = new pg.Client({ connectionString: maintenanceUrl(url) });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-test-'));
  await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    database,
    location: { dataDir },
    drop: async () => {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let shared: Promise<TestDatabase> | undefined;

/**
 * The database this test file shares between its tests (its own, on both
 * engines). Tests isolate by creating their own workspace (factories), never
 * by truncating.
 */
export function sharedTestDatabase(): Promise<TestDatabase> {
  shared ??= createFreshDatabase({ poolSize: 8 });
  return shared;
}
