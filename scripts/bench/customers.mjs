#!/usr/bin/env node
// Customers benchmark: N generated customers (default 1M, realistic hu/tr/uz/de/en names),
// then, from a separate load process with 8 clients: search p99, filtered list p95, and
// single creates per second through the API. On PostgreSQL and PGlite; appends to docs/benchmarks.md.
//   node scripts/bench/customers.mjs [--customers 1000000] [--engines postgres,pglite] [--seconds 15]
//   node scripts/bench/customers.mjs --database-url postgres://…/db   (an empty database you keep: seeded
//     on the first run, reused by later runs with the same --customers; no --engines then)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTemporaryPostgres } from '../lib/postgres.mjs';
import {
  appendToBenchmarks,
  benchPostgresSettings,
  completeSetup,
  json,
  machineLine,
  packageVersion,
  root,
  signIn,
  startServer,
} from './lib/server.mjs';
import { person, queryFor, reset } from './lib/people.mjs';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    seconds: { type: 'string', default: '15' },
    'database-url': { type: 'string' },
  },
});
const total = Number(args.customers);
const seconds = Number(args.seconds);

const { openDatabase } = await import(join(root, 'packages/db/dist/index.js'));
const { searchFieldsOf, inferTimeZone } = await import(join(root, 'apps/server/dist/modules/customers/customer-profile.js'));
const { newId } = await import(join(root, 'apps/server/dist/platform/ids.js'));

/** Writes `total` customers with an email and a phone each, 5,000 per statement, straight into the database. */
async function seed(location, workspaceId) {
  const database = await openDatabase({ ...location, poolSize: 2 });
  const started = performance.now();
  reset(7);
  const batch = 5000;
  const now = new Date().toISOString();
  for (let offset = 0; offset < total; offset += batch) {
    const customers = [];
    const identities = [];
    for (let n = offset; n < Math.min(total, offset + batch); n++) {
      const p = person(n);
      const id = newId();
      const ids = [
        { kind: 'email', value: p.email },
        { kind: 'phone', value: p.phone },
      ];
      const row = { given_name: p.givenName, family_name: p.familyName, middle_name: null, company: p.company, tags: p.tags };
      customers.push({
        workspace_id: workspaceId,
        id,
        ...row,
        language: p.language,
        country: p.country,
        ...inferTimeZone(null, p.country, ids),
        formality: 'unknown',
        attributes: {},
        ...searchFieldsOf(row, ids),
        created_at: now,
        updated_at: now,
        first_seen_at: now,
      });
      for (const identity of ids)
        identities.push({ workspace_id: workspaceId, id: newId(), customer_id: id, ...identity, created_at: now });
    }
    await database.withSession(async (session) => {
      await session.query('BEGIN');
      try {
        for (const [table, rows] of [
          ['customers', customers],
          ['customer_identities', identities],
        ]) {
          const columns = Object.keys(rows[0]).join(', ');
          const insert = `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::${table}, $1::json)`;
          await session.query(insert, [JSON.stringify(rows)]);
        }
        await session.query('COMMIT');
      } catch (error) {
        await session.query('ROLLBACK');
        throw error;
      }
    });
    if ((offset / batch) % 20 === 0)
      process.stdout.write(`  seeded ${offset + customers.length} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  // What the API and the import add as they insert customers: the workspace's distinct names.
  await database.withSession((session) =>
    session.query(
      `INSERT INTO customer_name_keys (workspace_id, name_key)
       SELECT DISTINCT workspace_id, name_key FROM customers WHERE workspace_id = $1 AND name_key <> ''
       ON CONFLICT DO NOTHING`,
      [workspaceId],
    ),
  );
  await database.withSession((session) => session.query('ANALYZE'));
  await database.close();
  return (performance.now() - started) / 1000;
}

function load(server, token, mode, queries) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'scripts/bench/lib/load.mjs'),
        JSON.stringify({ url: server.url, token, mode, concurrency: 8, seconds, queries }),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`))));
  });
}

function searchQueries() {
  reset(7);
  const kinds = ['name', 'reversed', 'typo', 'email', 'phone'];
  const queries = [];
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor((i * 7919) % total);
    queries.push({ n, kind: kinds[i % kinds.length] });
  }
  // Re-generate the same people to build realistic queries.
  const wanted = new Map(queries.map((q) => [q.n, null]));
  reset(7);
  for (let n = 0; n < total && [...wanted.values()].includes(null); n++) {
    const p = person(n);
    if (wanted.has(n)) wanted.set(n, p);
  }
  return queries.map((q) => queryFor(wanted.get(q.n), q.kind));
}

/** Customers already in a kept database (0 when it is new or has no workspace yet). */
async function seededCount(url) {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    return await database.withSession(async (session) => {
      const { rows } = await session.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'customers'",
      );
      if (rows[0].n === 0) return 0;
      return (await session.query('SELECT count(*)::int AS n FROM customers')).rows[0].n;
    });
  } finally {
    await database.close();
  }
}

async function createToken(server, cookie, csrfToken) {
  const { body } = await json(`${server.url}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', role: 'admin' }),
  });
  return body.token;
}

/** Load against a kept database: seeded once, then reused (the seed takes minutes at 1M). */
async function benchKeptDatabase(url, queries) {
  const env = { DATABASE_URL: url };
  const existing = await seededCount(url);
  let seedSeconds = null;
  let server = await startServer(env);
  if (existing === 0) {
    await completeSetup(server);
  } else if (existing < total) {
    await server.stop();
    throw new Error(`the database at --database-url has ${existing} customers, fewer than --customers ${total}`);
  }
  const cookie = await signIn(server);
  const me = await json(`${server.url}/api/v1/me`, { headers: { cookie } });
  const token = await createToken(server, cookie, me.body.csrfToken);
  if (existing === 0) {
    await server.stop();
    console.log(`bench customers: seeding ${total} into the kept database …`);
    seedSeconds = await seed({ url }, me.body.workspace.id);
    server = await startServer(env);
  }
  try {
    return { engine: 'postgres', seedSeconds, ...(await measure(server, token, queries)) };
  } finally {
    await server.stop();
  }
}

// Filtered lists, newest first and in the other sorts (by name either way, by last contact), and by company.
const listQueries = [
  'country=HU&tag=vip',
  'country=TR',
  'language=uz&tag=webshop',
  'tag=vip',
  'sort=name&country=HU',
  'sort=name&order=desc&tag=vip',
  `company=${encodeURIComponent('Kovács Kft.')}`,
  `company=${encodeURIComponent('yilmaz ticaret')}&sort=name`,
  'sort=last_contacted&country=TR',
  'sort=name&formality=unknown&language=de',
];

async function measure(server, token, queries) {
  await load(server, token, 'search', queries.slice(0, 50)).catch(() => undefined); // warm-up
  const search = await load(server, token, 'search', queries);
  const list = await load(server, token, 'list', listQueries);
  const create = await load(server, token, 'create', []);
  return { search, list, create };
}

async function benchEngine(engine, queries) {
  let postgres;
  let dataDir;
  let env;
  let location;
  if (engine === 'postgres') {
    postgres = await startTemporaryPostgres({ settings: benchPostgresSettings });
    env = { DATABASE_URL: postgres.url };
    location = { url: postgres.url };
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-customers-'));
    env = { RAPPORT_DATA_DIR: dataDir };
    location = { dataDir };
  }
  try {
    let server = await startServer(env);
    await completeSetup(server);
    const cookie = await signIn(server);
    const me = await json(`${server.url}/api/v1/me`, { headers: { cookie } });
    const token = await createToken(server, cookie, me.body.csrfToken);
    await server.stop();
    console.log(`bench customers: seeding ${total} on ${engine} …`);
    const seedSeconds = await seed(location, me.body.workspace.id).catch((error) => {
      console.error('seeding failed:', error.message);
      throw error;
    });
    server = await startServer(env);
    try {
      return { engine, seedSeconds, ...(await measure(server, token, queries)) };
    } finally {
      await server.stop();
    }
  } finally {
    await postgres?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

const queries = searchQueries();
const results = [];
for (const engine of args['database-url'] ? ['kept'] : args.engines.split(',')) {
  const result = engine === 'kept' ? await benchKeptDatabase(args['database-url'], queries) : await benchEngine(engine, queries);
  console.log(JSON.stringify(result, null, 2));
  results.push(result);
}

const f = (n) => Number(n).toFixed(1);
const rows = results
  .map(
    (r) =>
      `| ${r.engine === 'postgres' ? 'PostgreSQL 15' : `PGlite ${packageVersion('@electric-sql/pglite')}`} | ${r.seedSeconds === null ? 'kept from an earlier run' : `${f(r.seedSeconds)} s`} | ` +
      `${f(r.search.p50)} / ${f(r.search.p95)} / **${f(r.search.p99)}** ms (${f(r.search.perSecond)}/s, ${r.search.errors} errors) | ` +
      `${f(r.list.p50)} / **${f(r.list.p95)}** ms (${f(r.list.perSecond)}/s) | ` +
      `**${f(r.create.perSecond)}**/s, p99 ${f(r.create.p99)} ms (${r.create.errors} errors) |`,
  )
  .join('\n');
const section = `
## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — customers: search, filtered list, create

Machine: ${await machineLine()}. Data: ${total.toLocaleString('en')} generated customers (Hungarian, Turkish, Uzbek, German, English
names; an email and a phone each; 10 % tagged vip) in one workspace, written straight into the database ("seed").
Load: \`scripts/bench/lib/load.mjs\` in a separate process, 8 concurrent clients with an API token, ${seconds} s per line.
Search: 2,000 queries as people type them — names without accents, in either order, with a typo; emails in capitals;
phones in national format (\`GET /api/v1/customers?q=…&limit=20\`). List, 50 per page: \`?country=HU&tag=vip\`-style filters,
newest first and sorted by name (either way) or last contact, and by company (${listQueries.length} queries in turn).
Create: \`POST /api/v1/customers\` with a name, country, language and an email.

| engine | seed | search p50 / p95 / p99 | filtered list p50 / p95 | create |
|---|---|---|---|---|
${rows}
`;
console.log(`wrote ${await appendToBenchmarks(section)}`);
