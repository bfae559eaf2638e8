import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClientLike } from './pglite-pool.js';

/**
 * Logical backups that work the same on PGlite and PostgreSQL (and move data
 * from one to the other): gzip'd JSON lines, a header naming the migrations,
 * then every row of every table as `row_to_json`, in primary-key order.
 */
const format = 'rapport-backup';
const batchSize = 2000;

interface TableInfo {
  name: string;
  primaryKey: { name: string; type: string }[];
  identityColumns: string[];
  /** Columns a backup restores: all but those PostgreSQL generates from others. */
  storedColumns: string[];
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Application tables in an order where every row's foreign keys point at rows restored before it. */
async function listTables(session: PoolClientLike): Promise<TableInfo[]> {
  const { rows: tables } = await session.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' ORDER BY c.relname`,
  );
  const { rows: edges } = await session.query(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const { rows: keys } = await session.query(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity AS identity,
            a.attgenerated AS generated,
            array_position(i.indkey::int2[], a.attnum) AS position
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey::int2[])
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY c.relname, position NULLS LAST, a.attnum`,
  );
  const names = tables.map((t) => String(t.name));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const edge of edges) parents.get(String(edge.child))?.add(String(edge.parent));
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>): void => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.map((name) => {
    const columns = keys.filter((k) => k.table === name);
    return {
      name,
      primaryKey: columns.filter((k) => k.position !== null).map((k) => ({ name: String(k.column), type: String(k.type) })),
      identityColumns: columns.filter((k) => k.identity === 'a' || k.identity === 'd').map((k) => String(k.column)),
      storedColumns: columns.filter((k) => !k.generated).map((k) => String(k.column)),
    };
  });
}

async function appliedMigrations(session: PoolClientLike): Promise<string[]> {
  const { rows } = await session.query('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((r) => String(r.name));
}

/** Writes every table to `file`. Runs in one REPEATABLE READ transaction: a consistent snapshot. */
export async function backupDatabase(session: PoolClientLike, file: string): Promise<{ tables: number; rows: number }> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  const write = async (value: unknown): Promise<void> => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  let total = 0;
  await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = await listTables(session);
    await write({ format, version: 1, createdAt: new Date().toISOString(), migrations: await appliedMigrations(session) });
    for (const table of tables) {
      await write({ table: table.name });
      const order = table.primaryKey.map((k) => quote(k.name)).join(', ');
      let last: unknown[] | null = null;
      for (;;) {
        const after: string = last
          ? `WHERE (${order}) > (${table.primaryKey.map((k, i) => `$${i + 1}::${k.type}`).join(', ')})`
          : '';
        const { rows } = await session.query(
          `SELECT row_to_json(t)::text AS j, ${table.primaryKey.map((k) => `${quote(k.name)}::text AS ${quote(`k_${k.name}`)}`).join(', ')}
             FROM ${quote(table.name)} t ${after} ORDER BY ${order} LIMIT ${batchSize}`,
          last ?? [],
        );
        for (const row of rows) {
          if (!gzip.write(`{"row":${String(row.j)}}\n`)) await once(gzip, 'drain');
        }
        total += rows.length;
        if (rows.length < batchSize) break;
        const lastRow = rows[rows.length - 1]!;
        last = table.primaryKey.map((k) => lastRow[`k_${k.name}`]);
      }
    }
    await session.query('COMMIT');
    gzip.end();
    await done;
    return { tables: tables.length, rows: total };
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    throw error;
  }
}

/**
 * Loads a backup into a migrated, empty database (one with no workspaces or
 * people), in one transaction: it either all lands or nothing does. Identity
 * sequences continue after the restored values.
 */
export async function restoreDatabase(session: PoolClientLike, file: string): Promise<{ tables: number; rows: number }> {
  let header: { format?: string; migrations?: string[] } | null = null;
  let current: TableInfo | undefined;
  let batch: unknown[] = [];
  let total = 0;
  let tableCount = 0;
  let tables: TableInfo[] = [];

  const flush = async (): Promise<void> => {
    if (!current || batch.length === 0) return;
    const overriding = current.identityColumns.length ? 'OVERRIDING SYSTEM VALUE' : '';
    const columns = current.storedColumns.map(quote).join(', ');
    await session.query(
      `INSERT INTO ${quote(current.name)} (${columns}) ${overriding}
       SELECT ${columns} FROM json_populate_recordset(null::${quote(current.name)}, $1::json)`,
      [JSON.stringify(batch)],
    );
    total += batch.length;
    batch = [];
  };

  await session.query('BEGIN');
  try {
    // Created only now: readline starts reading at once, and lines emitted before
    // the loop below subscribes would be lost.
    const lines = createInterface({ input: Readable.from(createReadStream(file).pipe(createGunzip())), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const entry = JSON.parse(line) as { table?: string; row?: unknown; format?: string; migrations?: string[] };
      if (!header) {
        if (entry.format !== format) throw new Error(`${file} is not a Rapport backup`);
        header = entry;
        const here = await appliedMigrations(session);
        const there = entry.migrations ?? [];
        if (here.join() !== there.join()) {
          throw new Error(
            `the backup was made at schema ${there.at(-1) ?? '(none)'}, this database is at ${here.at(-1) ?? '(none)'}; restore with the same Rapport version`,
          );
        }
        const { rows } = await session.query('SELECT (SELECT count(*) FROM workspaces) + (SELECT count(*) FROM users) AS n');
        if (Number(rows[0]?.n) > 0)
          throw new Error('the target database is not empty; restore into a new data folder or database');
        tables = await listTables(session);
        // The migrations made these rows; the backup has the real ones.
        for (const table of [...tables].reverse()) await session.query(`DELETE FROM ${quote(table.name)}`);
        continue;
      }
      if (entry.table !== undefined) {
        await flush();
        current = tables.find((t) => t.name === entry.table);
        if (!current) throw new Error(`the backup has a table ${entry.table} this database does not`);
        tableCount++;
      } else if (entry.row !== undefined) {
        batch.push(entry.row);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    if (!header) throw new Error(`${file} is empty`);
    for (const table of tables) {
      for (const column of table.identityColumns) {
        await session.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(column)}) FROM ${quote(table.name)}), 0) + 1, false)`,
          [table.name, column],
        );
      }
    }
    await session.query('COMMIT');
    return { tables: tableCount, rows: total };
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Per-table checksums of all rows in key order: equal sums mean identical contents. */
export async function checksumDatabase(session: PoolClientLike): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await listTables(session)) {
    const order = table.primaryKey.map((k) => quote(k.name)).join(', ');
    const { rows } = await session.query(
      `SELECT count(*)::text || ':' || coalesce(md5(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${order})), '') AS sum FROM ${quote(table.name)} t`,
    );
    result[table.name] = String(rows[0]?.sum);
  }
  return result;
}
