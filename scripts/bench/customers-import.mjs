#!/usr/bin/env node
// CSV import benchmark: generates a CSV of N customers (default 1M; realistic Hungarian, Turkish, Uzbek,
// German and English names, emails and phones; deterministic), then imports it through the real HTTP API
// of the built server (`rapport start`): upload (streamed), start with the suggested mapping, poll progress
// until done. Reports upload and import seconds, rows/s and the server's peak RSS, as markdown table rows.
//   node scripts/bench/customers-import.mjs [--rows 1000000] [--engines postgres,pglite] [--keep-file] [--profile DIR]
// --profile writes a CPU profile of the server (node --cpu-prof) to DIR.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTemporaryPostgres } from '../lib/postgres.mjs';
import { prng } from './lib/people.mjs';
import { benchPostgresSettings, startServer } from './lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    'keep-file': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const rows = Number(args.rows);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!existsSync(join(root, 'apps/server/dist/cli.js'))) {
  console.error('The server is not built: run `npm run build` first.');
  process.exit(2);
}

// --- The file -------------------------------------------------------------------------------------

const digits = (n, width) => String(n % 10 ** width).padStart(width, '0');
const people = {
  hu: {
    given: [
      'Ádám',
      'Péter',
      'László',
      'Zoltán',
      'Gábor',
      'Dóra',
      'Katalin',
      'Éva',
      'Zsófia',
      'Őrs',
      'Bence',
      'Réka',
      'Győző',
      'Tünde',
    ],
    family: [
      'Kovács',
      'Nagy',
      'Szabó',
      'Tóth',
      'Horváth',
      'Varga',
      'Kiss',
      'Molnár',
      'Németh',
      'Farkas',
      'Szűcs',
      'Fehér',
      'Lukács',
    ],
    country: ['HU', 'Magyarország'],
    language: ['hu', 'magyar'],
    domains: ['gmail.com', 'freemail.hu', 'citromail.hu', 'telekom.hu'],
    phone: (n, national) => ((d) => (national ? `06 30 ${d.slice(0, 3)} ${d.slice(3)}` : `+36 30 ${d}`))(digits(n, 7)),
    companies: ['Kovács és Társa Kft.', 'Duna Bt.', 'Tisza Zrt.', ''],
  },
  tr: {
    given: ['Şükrü', 'Ayşe', 'Mehmet', 'Işıl', 'Çağla', 'Gökhan', 'Ömer', 'Zeynep', 'İbrahim', 'Büşra', 'Emre', 'Elif'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Güneş'],
    country: ['TR', 'Türkiye'],
    language: ['tr', 'Türkçe'],
    domains: ['gmail.com', 'hotmail.com.tr', 'yandex.com.tr'],
    phone: (n) => ((d) => `+90 532 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`)(digits(n, 7)),
    companies: ['Yıldız A.Ş.', 'Anadolu Ltd. Şti.', ''],
  },
  uz: {
    given: ['Aziz', 'Gʻulom', 'Dilnoza', 'Oʻktam', 'Shahnoza', 'Jasur', 'Nodira', 'Sardor', 'Malika', 'Bekzod'],
    family: ['Karimov', 'Oʻrinov', 'Rahimova', 'Toshmatov', 'Yusupova', 'Qodirov', 'Saidova', 'Ergashev'],
    country: ['UZ', 'Oʻzbekiston'],
    language: ['uz', 'oʻzbek'],
    domains: ['mail.uz', 'gmail.com', 'umail.uz'],
    phone: (n) => ((d) => `+998 90 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`)(digits(n, 7)),
    companies: ['Toshkent MChJ', 'Samarqand Savdo', ''],
  },
  de: {
    given: ['Jürgen', 'Anna', 'Lukas', 'Sophie', 'Maximilian', 'Jörg', 'Lea', 'Björn', 'Käthe', 'Felix'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Schäfer', 'Köhler', 'Groß', 'Krüger', 'Böhm'],
    country: ['DE', 'Deutschland'],
    language: ['de', 'Deutsch'],
    domains: ['gmx.de', 'web.de', 't-online.de'],
    phone: (n) => `+49 151 ${digits(n, 8)}`,
    companies: ['Müller & Söhne GmbH', 'Nordwind AG', ''],
  },
  en: {
    given: ['James', 'Olivia', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Emily', 'George', 'Grace'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', "O'Brien", 'Evans'],
    country: ['GB', 'United Kingdom'],
    language: ['en', 'English'],
    domains: ['gmail.com', 'outlook.com', 'btinternet.com'],
    phone: (n) => `+44 7400 ${digits(n, 6)}`,
    companies: ['Acme, Ltd.', 'Smith & Sons', ''],
  },
};
const languages = Object.keys(people);
const tags = ['vip', 'webshop', 'b2b', 'newsletter', 'hírlevél', 'müşteri', 'kunde'];
const ascii = (text) => text.normalize('NFKD').replace(/[^\w]/g, '').toLowerCase().replace('ı', 'i');
const quote = (value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Row `n`'s person, from its own seed: any row can be recomputed (a duplicate names an earlier row's email). */
function person(n) {
  const random = prng(20261125 ^ Math.imul(n, 0x9e3779b1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const p = people[languages[n % languages.length]];
  const given = pick(p.given);
  const family = pick(p.family);
  return { p, random, pick, given, family, email: `${ascii(given)}.${ascii(family)}.${n}@${pick(p.domains)}` };
}

/**
 * Writes the CSV, streaming; 1 row in 200 has a bad email, and 1 in 200 repeats the email of a
 * random earlier row (an update of that customer), as duplicates spread through a merged list.
 */
async function writeFile(path) {
  const out = createWriteStream(path);
  out.write('First name,Last name,Email,Phone,Country,Language,Company,Tags\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const { p, random, pick, given, family, email: own } = person(i);
    const roll = random();
    let email = own;
    if (roll < 0.005) email = `${ascii(given)}.${i}(at)${pick(p.domains)}`;
    else if (roll < 0.01 && i > 0) email = person(Math.floor(random() * i)).email;
    const national = p === people.hu && random() < 0.3;
    const row = [
      given,
      family,
      email,
      p.phone(i, national),
      pick(p.country),
      pick(p.language),
      pick(p.companies),
      random() < 0.5 ? `${pick(tags)}; ${pick(tags)}` : '',
    ];
    chunk += row.map(quote).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

// --- The server -----------------------------------------------------------------------------------

/** The server, with a CPU profile when --profile is given. */
function startRapport(env) {
  return startServer(env, args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : []);
}

async function json(url, init) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return { body, response };
}

const account = { email: 'bench-owner@example.test', password: 'benchmark password 2026' };

/** Completes the first-run setup and signs in; returns headers for cookie-authenticated writes. */
async function signIn(server) {
  const token = server.setupLink.split('#token=')[1];
  const setup = { token, workspaceName: 'Bench', name: 'Bench Owner', ...account, locale: 'hu', timeZone: 'Europe/Budapest' };
  await json(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setup),
  });
  const { body, response } = await json(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  return { cookie: response.headers.get('set-cookie').split(';')[0], 'x-csrf-token': body.csrfToken };
}

function rssMb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024;
}

async function benchEngine(engine, file) {
  const postgres = engine === 'postgres' ? await startTemporaryPostgres({ settings: benchPostgresSettings }) : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-import-bench-'));
  const server = await startRapport(
    postgres ? { DATABASE_URL: postgres.url, RAPPORT_DATA_DIR: dataDir } : { RAPPORT_DATA_DIR: dataDir },
  );
  try {
    const auth = await signIn(server);
    const idleRss = rssMb(server.child.pid, 'VmRSS');
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, rssMb(server.child.pid, 'VmRSS'));
      } catch {
        // the process is gone
      }
    }, 100);
    const bytes = (await stat(file)).size;
    const uploadStarted = performance.now();
    const { body: uploaded } = await json(`${server.url}/api/v1/customer-imports?fileName=customers.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(bytes) },
      body: Readable.toWeb(createReadStream(file)),
      duplex: 'half',
    });
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    console.log(
      `  uploaded ${(bytes / 2 ** 20).toFixed(0)} MiB in ${uploadSeconds.toFixed(1)} s: ${uploaded.encoding}, "${uploaded.delimiter}", ~${uploaded.progress.rowsTotal} rows`,
    );
    const started = performance.now();
    await json(`${server.url}/api/v1/customer-imports/${uploaded.id}/start`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: uploaded.suggestedMapping }),
    });
    let current;
    for (let polls = 0; ; polls++) {
      ({ body: current } = await json(`${server.url}/api/v1/customer-imports/${uploaded.id}`, { headers: auth }));
      if (current.status === 'done' || current.status === 'failed') break;
      if (polls % 10 === 0) {
        const p = current.progress;
        console.log(
          `  ${current.status}: ${p.rowsDone}/${p.rowsTotal} rows, ${p.rowsPerSecond ?? '–'} rows/s, ${p.secondsLeft ?? '–'} s left`,
        );
      }
      await sleep(500);
    }
    const importSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const hwm = rssMb(server.child.pid, 'VmHWM');
    if (current.status !== 'done') throw new Error(`the import failed: ${current.error}`);
    const report = await (
      await fetch(`${server.url}/api/v1/customer-imports/${uploaded.id}/errors.csv`, { headers: auth })
    ).text();
    const reasons = {};
    for (const line of report.split('\n').slice(1)) {
      const code = line.split(',')[4];
      if (code) reasons[code] = (reasons[code] ?? 0) + 1;
    }
    console.log(`  error report: ${JSON.stringify(reasons)}`);
    return {
      engine,
      bytes,
      uploadSeconds,
      importSeconds,
      peakRss: Math.max(peakRss, hwm),
      idleRss,
      progress: current.progress,
      postgres,
    };
  } finally {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// --- Run ------------------------------------------------------------------------------------------

const file = join(tmpdir(), `rapport-import-bench-${rows}.csv`);
if (!existsSync(file)) {
  const t = performance.now();
  await writeFile(file);
  console.log(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s: ${file}`);
}
const results = [];
for (const engine of args.engines.split(',')) {
  console.log(`bench: ${engine} …`);
  const result = await benchEngine(engine, file);
  if (result.postgres)
    result.version = execFileSync(join(result.postgres.binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  results.push(result);
}
if (!args['keep-file']) await rm(file, { force: true });

const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
console.log('\n| engine | rows | file | upload | import | rows/s | peak RSS (server) | created / updated / failed |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const engine =
    r.engine === 'pglite' ? `PGlite ${pkg}` : (r.version?.replace('postgres (PostgreSQL) ', 'PostgreSQL ') ?? 'PostgreSQL');
  const p = r.progress;
  console.log(
    `| ${engine} | ${p.rowsDone.toLocaleString('en')} | ${(r.bytes / 2 ** 20).toFixed(0)} MiB | ${r.uploadSeconds.toFixed(1)} s | ` +
      `${r.importSeconds.toFixed(1)} s | ${Math.round(p.rowsDone / r.importSeconds).toLocaleString('en')} | ` +
      `${r.peakRss.toFixed(0)} MB (idle ${r.idleRss.toFixed(0)} MB) | ${p.created} / ${p.updated} / ${p.failed} |`,
  );
}
