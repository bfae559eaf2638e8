import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteWorkerPool, type PoolClientLike } from './pglite-pool.js';
import { runMigrations, type MigrationResult } from './migrate.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite in `dataDir`. */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number | undefined;
}

export interface Notification {
  channel: string;
  payload: string;
}

/**
 * An open database: the typed query builder, the engine behind it, a way to
 * listen to NOTIFY channels (delivered after the notifying transaction commits,
 * on both engines), and a clean close.
 */
export interface Database {
  readonly engine: Engine;
  readonly db: Kysely<DB>;
  /** Runs statements on one session (needed for advisory locks and raw SQL). */
  withSession<T>(work: (session: PoolClientLike) => Promise<T>): Promise<T>;
  migrate(): Promise<MigrationResult>;
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// int8 (bigint) and numeric stay strings, as pg's default. Calendar dates stay 'YYYY-MM-DD'
// strings: a date has no time zone, and a JS Date would shift it. The PGlite worker does the same.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Opens PGlite (in its own worker thread) or a PostgreSQL pool. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPGlite(options.dataDir ?? './data');
}

/**
 * PGlite files must be opened by one process at a time. A pid file in the
 * folder says who has it; a file left by a process that died is taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}/rapport.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid > 0 && isAlive(pid)) {
        throw new Error(`the embedded database in ${dir} is in use by process ${pid}; stop that Rapport first`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPGlite(dataDir: string): Promise<Database> {
  const absolute = resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const unlock = await lockDataDir(absolute);
  const pool = new PGliteWorkerPool(absolute);
  try {
    await pool.ready;
  } catch (error) {
    await unlock();
    throw error;
  }
  const notifications = new EventEmitter();
  pool.on('notification', (n: Notification) => notifications.emit(n.channel, n.payload));
  const listening = new Set<string>();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    engine: 'pglite',
    db,
    ...sessionMethods(() => pool.connect()),
    listen: async (channel, listener) => {
      if (!listening.has(channel)) {
        listening.add(channel);
        await pool.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      notifications.on(channel, listener);
      return async () => {
        notifications.off(channel, listener);
      };
    },
    close: async () => {
      // Kysely ends the pool only if it ever used it; end it either way.
      await db.destroy();
      await pool.end();
      await unlock();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  // An idle connection the server closed (restart, failover) is dropped by the pool and replaced
  // on the next query; without a listener the 'error' event would end the process.
  pool.on('error', () => undefined);
  // Fail at boot, with the server's own message, when the URL is wrong.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let listener: pg.Client | undefined;
  const notifications = new EventEmitter();
  const channels = new Set<string>();
  let closing = false;

  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
    await client.connect();
    client.on('notification', (msg) => notifications.emit(msg.channel, msg.payload ?? ''));
    client.on('error', () => {
      // The connection dropped: reconnect and LISTEN again, unless closing.
      listener = undefined;
      if (!closing) void reconnect();
    });
    for (const channel of channels) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    return client;
  };
  const reconnect = async (): Promise<void> => {
    for (let attempt = 0; !closing && !listener; attempt++) {
      try {
        listener = await connectListener();
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5_000)));
      }
    }
  };

  return {
    engine: 'postgres',
    db,
    ...sessionMethods(() => pool.connect()),
    listen: async (channel, fn) => {
      listener ??= await connectListener();
      if (!channels.has(channel)) {
        channels.add(channel);
        await listener.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      notifications.on(channel, fn);
      return async () => {
        notifications.off(channel, fn);
      };
    },
    close: async () => {
      closing = true;
      await listener?.end().catch(() => undefined);
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}

/** withSession and migrate, over any pool that hands out sessions. */
function sessionMethods(connect: () => Promise<PoolClientLike>): Pick<Database, 'withSession' | 'migrate'> {
  const withSession = async <T>(work: (session: PoolClientLike) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  };
  return { withSession, migrate: () => withSession((session) => runMigrations(session)) };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
