// @ts-check
// Runs PGlite (PostgreSQL compiled to WebAssembly) on its own thread, so a slow
// query never blocks the HTTP event loop. The main thread talks to it through
// messages: { type: 'query', id, sql, params } -> { type: 'result', id, ... }.
// Queries go through node-postgres on PGlite's own adapter, so result types are
// byte-for-byte the ones `pg` gives against a PostgreSQL server.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';

// Calendar dates stay 'YYYY-MM-DD' strings (as on the main thread): a date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

if (!parentPort) throw new Error('pglite-worker must run in a worker thread');
const port = parentPort;

/** @type {{ dataDir: string }} */
const { dataDir } = workerData;

/** Copies the fields of a PostgreSQL error that callers branch on. */
function serializeError(/** @type {any} */ error) {
  const out = { message: String(error?.message ?? error) };
  for (const key of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position', 'where']) {
    if (error && error[key] !== undefined) /** @type {any} */ (out)[key] = error[key];
  }
  return out;
}

/** structured clone turns Buffers into Uint8Arrays; pg wants Buffers for bytea. */
function toPgParam(/** @type {unknown} */ value) {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

async function main() {
  const lite = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
  const client = new pg.Client(/** @type {any} */ (createPgConfig(lite)));
  await client.connect();
  // Same as the PostgreSQL pool: text output of timestamps is in UTC everywhere.
  await client.query("SET TIME ZONE 'UTC'");
  client.on('notification', (msg) =>
    port.postMessage({ type: 'notification', channel: msg.channel, payload: msg.payload ?? '' }),
  );

  let closing = false;
  port.on('message', async (/** @type {any} */ msg) => {
    if (msg.type === 'query') {
      try {
        const result = await client.query({ text: msg.sql, values: (msg.params ?? []).map(toPgParam) });
        port.postMessage({
          type: 'result',
          id: msg.id,
          rows: result.rows,
          rowCount: result.rowCount,
          command: result.command,
          fields: result.fields?.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [],
        });
      } catch (error) {
        port.postMessage({ type: 'result', id: msg.id, error: serializeError(error) });
      }
    } else if (msg.type === 'close' && !closing) {
      closing = true;
      try {
        await client.end().catch(() => undefined);
        await lite.close();
        port.postMessage({ type: 'closed' });
      } catch (error) {
        port.postMessage({ type: 'closed', error: serializeError(error) });
      }
    }
  });
  port.postMessage({ type: 'ready' });
}

main().catch((error) => port.postMessage({ type: 'fatal', error: serializeError(error) }));
