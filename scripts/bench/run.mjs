#!/usr/bin/env node
// npm run bench: measures Rapport on this machine and appends the figures to
// docs/benchmarks.md. Runs the built server (npm install builds it) as a real
// process, on embedded PGlite and on a temporary PostgreSQL server, with the
// load generator (autocannon) in a separate process.
//
//   node scripts/bench/run.mjs [--engines pglite,postgres] [--duration 10]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTemporaryPostgres, findFreePort } from '../lib/postgres.mjs';
import {
  appendToBenchmarks,
  completeSetup,
  machineLine,
  packageVersion,
  rssMb,
  root,
  signIn,
  sleep,
  startServer,
} from './lib/server.mjs';

const { values: args } = parseArgs({
  options: { engines: { type: 'string', default: 'pglite,postgres' }, duration: { type: 'string', default: '10' } },
});
const engines = args.engines.split(',');
const duration = Number(args.duration);

if (!existsSync(join(root, 'apps/server/dist/cli.js'))) {
  console.error('The server is not built: run `npm run build` first.');
  process.exit(2);
}

/** autocannon in its own process: 50 connections against GET /api/v1/me. */
function loadMe(server, cookie, seconds) {
  const bin = join(root, 'node_modules/.bin/autocannon');
  const out = execFileSync(
    bin,
    ['-c', '50', '-d', String(seconds), '-H', `cookie=${cookie}`, '--json', `${server.url}/api/v1/me`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const r = JSON.parse(out);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/**
 * Runs the app in a child process that also fires 500 ms queries on the same
 * database handle the requests use; here, one client measures GET /me latency
 * back to back, first alone, then during the slow queries.
 */
async function slowQueryIsolation(env, cookie) {
  const port = await findFreePort();
  const child = spawn(process.execPath, [join(root, 'scripts/bench/app-with-slow-queries.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  child.stdout.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  while (!lines.includes('READY')) {
    if (child.exitCode !== null) throw new Error('slow-query app exited early');
    await sleep(20);
  }
  const url = `http://127.0.0.1:${port}/api/v1/me`;
  const measure = async (ms) => {
    const samples = [];
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const t = performance.now();
      const response = await fetch(url, { headers: { cookie } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /me: ${response.status}`);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    return { n: samples.length, p50: at(0.5), p99: at(0.99), max: samples.at(-1) };
  };
  await measure(1000); // warm
  const baseline = await measure(3000);
  process.kill(child.pid, 'SIGUSR2'); // start the slow queries
  while (!lines.includes('SLOW_STARTED')) await sleep(5);
  const during = await measure(3000);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const slowQueries = Number(lines.find((l) => l.startsWith('SLOW_DONE'))?.split(' ')[1] ?? 0);
  if (slowQueries < 4) throw new Error(`only ${slowQueries} slow queries ran during the measurement`);
  return { baseline, during, slowQueries };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, digits = 0) => Number(n).toFixed(digits);

async function benchEngine(engine) {
  let env = {};
  let postgres;
  let dataDir;
  if (engine === 'pglite') {
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
    env = { RAPPORT_DATA_DIR: dataDir };
  } else {
    postgres = await startTemporaryPostgres();
    env = { DATABASE_URL: postgres.url };
  }
  try {
    const first = await startServer(env);
    await completeSetup(first);
    await first.stop();
    const starts = [];
    const stops = [];
    for (let i = 0; i < 3; i++) {
      const s = await startServer(env);
      starts.push(s.startMs);
      stops.push(await s.stop());
    }
    const server = await startServer(env);
    const cookie = await signIn(server);
    await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    await sleep(3000);
    const idleRss = rssMb(server.child.pid);
    loadMe(server, cookie, 2); // warm-up
    const load = loadMe(server, cookie, duration);
    const loadedRss = rssMb(server.child.pid);
    await server.stop();
    const isolation = await slowQueryIsolation(env, cookie);
    return {
      engine,
      firstStartMs: first.startMs,
      startMs: median(starts),
      stopMs: median(stops),
      idleRss,
      loadedRss,
      load,
      isolation,
      pgVersion: postgres ? execFileSync(join(postgres.binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).trim() : null,
    };
  } finally {
    await postgres?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const engine of engines) {
  console.log(`bench: ${engine} …`);
  const result = await benchEngine(engine);
  results.push(result);
  console.log(JSON.stringify(result, null, 2));
}

// --- Write docs/benchmarks.md --------------------------------------------------------------
const pkg = packageVersion;
const machine = await machineLine();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const rows = results
  .map((r) =>
    [
      `| ${r.engine === 'pglite' ? `PGlite ${pkg('@electric-sql/pglite')}` : r.pgVersion?.replace('postgres (PostgreSQL) ', 'PostgreSQL ')}`,
      `${fmt(r.startMs)} ms (first start ${fmt(r.firstStartMs)} ms)`,
      `${fmt(r.stopMs)} ms`,
      `${fmt(r.idleRss)} MB (${fmt(r.loadedRss)} MB after load)`,
      `${fmt(r.load.rps)} req/s`,
      `${r.load.p50} / ${r.load.p99} ms`,
      `${r.load.errors} errors, ${r.load.non2xx} non-2xx of ${r.load.total}`,
      `${fmt(r.isolation.baseline.p99, 1)} → ${fmt(r.isolation.during.p99, 1)} ms (max ${fmt(r.isolation.during.max, 1)} ms, ${r.isolation.slowQueries} slow queries) |`,
    ].join(' | '),
  )
  .join('\n');
const section = `
## ${date} UTC — foundation: start, memory, authenticated GET /api/v1/me

Machine: ${machine}. Data: one workspace, one owner (the foundation has no customer data yet).
Load: autocannon ${pkg('autocannon')} in a separate process, 50 connections, ${duration} s, cookie-authenticated \`GET /api/v1/me\`.
Start: time from launching \`rapport start\` to the first 200 from \`/healthz\`, median of 3 restarts on an existing database
("first start" creates the database and runs the migrations). Stop: SIGTERM to exit. RSS: whole process, idle 3 s after start
(on PGlite it includes the embedded database running in its worker thread).
Slow-query isolation: the app process runs \`SELECT pg_sleep(0.5)\` back to back on its own database handle while one client
calls \`GET /api/v1/me\` sequentially; the column shows that client's p99 alone → during the slow queries.

| engine | start | stop | RSS | GET /me throughput | p50 / p99 | failures | /me p99 alone → during 500 ms queries |
|---|---|---|---|---|---|---|---|
${rows}
`;
const file = await appendToBenchmarks(section);
console.log(`\nwrote ${file}`);
