import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The folder holding `YYYYMMDDHHMM_verb_noun.sql` files, applied in name order. */
export const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/** A single session: the runner needs the lock and the migrations on one connection. */
export interface MigrationSession {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

// Any constant works; it only has to be the same in every Rapport process.
const migrationLockKey = 727_727_001;

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its
 * own transaction with its record. A session-level advisory lock makes a second
 * process wait rather than migrate at the same time. Throws when an applied
 * migration's file has changed since (migrations are never edited) or is gone.
 */
export async function runMigrations(session: MigrationSession, dir = migrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((name) => /^\d{12}_[a-z0-9_]+\.sql$/.test(name)).sort();
  await session.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  try {
    await session.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await session.query('SELECT name, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [String(row.name), String(row.checksum)]));
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const name of applied.keys()) {
      if (!files.includes(name)) throw new Error(`migration ${name} was applied but its file is missing`);
    }
    for (const name of files) {
      const sql = await readFile(`${dir}/${name}`, 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const known = applied.get(name);
      if (known !== undefined) {
        if (known !== checksum) throw new Error(`migration ${name} was edited after it was applied`);
        result.alreadyApplied++;
        continue;
      }
      await session.query('BEGIN');
      try {
        await session.query(sql);
        await session.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await session.query('COMMIT');
      } catch (error) {
        await session.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      result.applied.push(name);
    }
    return result;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  }
}
