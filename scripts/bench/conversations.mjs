#!/usr/bin/env node
// Help desk benchmark: an inbox of generated conversations and messages, then
//   1. the agent's inbox list (open, soonest SLA due first; unassigned; pending; by language) through the API,
//      8 concurrent clients in a separate process;
//   2. SMTP ingest: a separate process sends mail to Rapport's SMTP server over pooled connections, then every
//      message is looked for in the database;
//   3. inbound email to the agent's screen: from sending a mail to the `message.received` event on a WebSocket.
//   node scripts/bench/conversations.mjs [--conversations 2000000] [--pglite-conversations 200000]
//                                       [--engines postgres,pglite] [--seconds 15] [--mails 6000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import WebSocket from 'ws';
import { findFreePort, startTemporaryPostgres } from '../lib/postgres.mjs';
import {
  appendToBenchmarks,
  benchPostgresSettings,
  completeSetup,
  json,
  machineLine,
  packageVersion,
  root,
  runProcess,
  signIn,
  startServer,
} from './lib/server.mjs';

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000000' },
    'pglite-conversations': { type: 'string', default: '200000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    seconds: { type: 'string', default: '15' },
    mails: { type: 'string', default: '6000' },
  },
});
const seconds = Number(args.seconds);
const messagesPerConversation = 5;
const { openDatabase } = await import(join(root, 'packages/db/dist/index.js'));

/** Customers, conversations (10 % open, 5 % pending, 2 % snoozed, the rest resolved or closed) and their messages, in SQL. */
async function seed(location, ids, total) {
  const database = await openDatabase({ ...location, poolSize: 2 });
  const started = performance.now();
  const customers = Math.max(1000, Math.round(total / 10));
  await database.withSession(async (s) => {
    await s.query(
      `INSERT INTO customers (workspace_id, id, given_name, family_name, language, country, search_text, name_key)
       SELECT $1, gen_random_uuid(), 'Bench', 'Customer ' || g, (ARRAY['hu','tr','uz','de','en'])[1 + g % 5],
              (ARRAY['HU','TR','UZ','DE','GB'])[1 + g % 5], 'bench customer ' || g, g || ' bench customer'
         FROM generate_series(1, $2::int) g`,
      [ids.workspaceId, customers],
    );
    await s.query(
      `CREATE TEMP TABLE bench_customers AS
                   SELECT row_number() OVER (ORDER BY id) AS n, id FROM customers WHERE workspace_id = $1`,
      [ids.workspaceId],
    );
    await s.query('CREATE INDEX ON bench_customers (n)');
    const batch = 100_000;
    for (let from = 1; from <= total; from += batch) {
      const to = Math.min(total, from + batch - 1);
      await s.query('BEGIN');
      await s.query(
        `INSERT INTO conversations (workspace_id, id, number, channel_id, customer_id, status, snoozed_until, priority,
                                    assignee_id, language, subject, reply_token, due_at, last_message_at, created_at, updated_at)
         SELECT $1, gen_random_uuid(), g, $2, c.id, st.status,
                CASE WHEN st.status = 'snoozed' THEN now() + interval '1 day' END,
                (ARRAY['low','normal','normal','high','urgent'])[1 + g % 5],
                CASE WHEN g % 3 = 0 THEN $3::uuid END,
                (ARRAY['hu','tr','uz','de','en'])[1 + g % 5],
                'Bench conversation ' || g, md5(g::text),
                CASE WHEN st.status = 'open' THEN now() + (g % 20000 - 5000) * interval '1 minute' END,
                now() - (g % 100000) * interval '1 minute', now() - (g % 100000) * interval '1 minute',
                now() - (g % 100000) * interval '1 minute'
           FROM generate_series($4::int, $5::int) g
           JOIN bench_customers c ON c.n = 1 + g % $6::int
          CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 10 THEN 'open' WHEN g % 100 < 15 THEN 'pending'
                                          WHEN g % 100 < 17 THEN 'snoozed' WHEN g % 100 < 77 THEN 'resolved'
                                          ELSE 'closed' END AS status) st`,
        [ids.workspaceId, ids.channelId, ids.ownerId, from, to, customers],
      );
      await s.query(
        `INSERT INTO messages (workspace_id, id, conversation_id, direction, body_text, external_id, delivery_status, created_at)
         SELECT $1, gen_random_uuid(), c.id, CASE WHEN k % 2 = 1 THEN 'inbound' ELSE 'outbound' END,
                'Message ' || k || ' of #' || c.number || ': ' || repeat('Jó napot, merhaba, salom. ', 6),
                CASE WHEN k % 2 = 1 THEN 'seed-' || c.number || '-' || k || '@senders.bench.test' END,
                CASE WHEN k % 2 = 1 THEN 'received' ELSE 'sent' END, c.created_at + k * interval '1 minute'
           FROM conversations c CROSS JOIN generate_series(1, ${messagesPerConversation}) k
          WHERE c.workspace_id = $1 AND c.number BETWEEN $2 AND $3`,
        [ids.workspaceId, from, to],
      );
      await s.query('COMMIT');
      if ((to / batch) % 5 === 0 || to === total)
        process.stdout.write(`  seeded ${to} conversations (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    await s.query(
      `INSERT INTO conversation_counters (workspace_id, last_number) VALUES ($1, $2)
       ON CONFLICT (workspace_id) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [ids.workspaceId, total],
    );
    await s.query('ANALYZE');
  });
  await database.close();
  return (performance.now() - started) / 1000;
}

async function countMessages(location, workspaceId, pattern) {
  const database = await openDatabase({ ...location, poolSize: 1 });
  try {
    return await database.withSession(async (s) => {
      const { rows } = await s.query('SELECT count(*)::int AS n FROM messages WHERE workspace_id = $1 AND external_id LIKE $2', [
        workspaceId,
        pattern,
      ]);
      return rows[0].n;
    });
  } finally {
    await database.close();
  }
}

/** From handing a mail to SMTP to the `message.received` event on an agent's socket, `count` times in a row. */
async function pushLatency(server, token, smtpPort, to, count) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/realtime`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'subscribe', names: ['message.received'] }));
  let waiting = null;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'event' && frame.event.name === 'message.received' && waiting) waiting();
  });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  const latencies = [];
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const received = new Promise((resolve) => (waiting = resolve));
    await transport.sendMail({ from: `push-${i}@senders.bench.test`, to, subject: `Push ${i}`, text: 'Salom!' });
    await received;
    waiting = null;
    latencies.push(performance.now() - started);
  }
  transport.close();
  socket.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) };
}

/** Setup, an API token, an email channel and SLA targets; the ids the seed needs. */
async function prepareWorkspace(server) {
  await completeSetup(server);
  const cookie = await signIn(server);
  const me = await json(`${server.url}/api/v1/me`, { headers: { cookie } });
  const auth = { cookie, 'x-csrf-token': me.body.csrfToken, 'content-type': 'application/json' };
  const token = (
    await json(`${server.url}/api/v1/api-tokens`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'bench', role: 'admin' }),
    })
  ).body.token;
  const address = 'support@bench.test';
  const channel = (
    await json(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'email', name: 'Bench support', address }),
    })
  ).body;
  await json(`${server.url}/api/v1/sla-policies`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({
      policies: [{ priority: 'normal', firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 2400 }],
    }),
  });
  return { token, address, ids: { workspaceId: me.body.workspace.id, channelId: channel.id, ownerId: me.body.user.id } };
}

async function benchEngine(engine, total) {
  const postgres = engine === 'postgres' ? await startTemporaryPostgres({ settings: benchPostgresSettings }) : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-conversations-'));
  const location = postgres ? { url: postgres.url } : { dataDir };
  const env = postgres ? { DATABASE_URL: postgres.url, RAPPORT_DATA_DIR: dataDir } : { RAPPORT_DATA_DIR: dataDir };
  try {
    let server = await startServer(env);
    const setup = await prepareWorkspace(server).finally(() => server.stop());
    console.log(`bench conversations: seeding ${total} conversations on ${engine} …`);
    const seedSeconds = await seed(location, setup.ids, total);
    const { token, address } = setup;
    const smtpPort = await findFreePort();
    server = await startServer({ ...env, SMTP_PORT: String(smtpPort) });
    try {
      const paths = [
        '/api/v1/conversations?limit=50',
        '/api/v1/conversations?view=unassigned&limit=50',
        '/api/v1/conversations?status=pending&limit=50',
        '/api/v1/conversations?language=hu&limit=50',
      ];
      const loadConfig = { url: server.url, token, mode: 'paths', concurrency: 8, queries: paths };
      await runProcess('scripts/bench/lib/load.mjs', { ...loadConfig, seconds: 3 }); // warm-up
      const inbox = await runProcess('scripts/bench/lib/load.mjs', { ...loadConfig, seconds });
      const mails = Number(args.mails);
      const run = Date.now();
      const ingest = await runProcess('scripts/bench/lib/smtp-send.mjs', {
        port: smtpPort,
        to: address,
        count: mails,
        concurrency: 8,
        senders: 2000,
        run,
      });
      const push = await pushLatency(server, token, smtpPort, address, 50);
      // Counted with the server stopped: the embedded database belongs to one process at a time.
      await server.stop();
      server = null;
      const stored = await countMessages(location, setup.ids.workspaceId, `bench-${run}-%`);
      return { engine, total, seedSeconds, inbox, ingest: { ...ingest, stored }, push };
    } finally {
      await server?.stop();
    }
  } finally {
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const engine of args.engines.split(',')) {
  const total = Number(engine === 'pglite' ? args['pglite-conversations'] : args.conversations);
  const result = await benchEngine(engine, total);
  console.log(JSON.stringify(result, null, 2));
  results.push(result);
}

const f = (n) => Number(n).toFixed(1);
const rows = results
  .map(
    (r) =>
      `| ${r.engine === 'postgres' ? 'PostgreSQL 15' : `PGlite ${packageVersion('@electric-sql/pglite')}`} | ` +
      `${r.total.toLocaleString('en')} / ${(r.total * messagesPerConversation).toLocaleString('en')} (${f(r.seedSeconds)} s) | ` +
      `${f(r.inbox.p50)} / ${f(r.inbox.p95)} / **${f(r.inbox.p99)}** ms (${f(r.inbox.perSecond)}/s, ${r.inbox.errors} errors) | ` +
      `**${f(r.ingest.perSecond)}**/s (${r.ingest.sent} sent, ${r.ingest.failed} refused, ${r.ingest.stored} stored) | ` +
      `${f(r.push.p50)} / **${f(r.push.p99)}** ms (max ${f(r.push.max)}) |`,
  )
  .join('\n');
const section = `
## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — conversations: inbox, SMTP ingest, inbound mail to the screen

Machine: ${await machineLine()}. Data: generated conversations (10 % open with SLA due times, 5 % pending, 2 % snoozed,
the rest resolved or closed; a third of them assigned) with ${messagesPerConversation} messages each, one workspace, written
straight into the database ("seed"). Inbox: \`scripts/bench/lib/load.mjs\` in a separate process, 8 concurrent clients
with an API token, ${seconds} s: open conversations soonest due first, unassigned, pending, in Hungarian (50 per page).
Ingest: \`scripts/bench/lib/smtp-send.mjs\` in a separate process sends ${Number(args.mails).toLocaleString('en')} mails over
8 pooled SMTP connections from 2,000 senders (new customers and conversations, then their follow-ups); "stored" is
counted in the database afterwards. To the screen: from handing a mail to SMTP until the \`message.received\` event
arrives on a WebSocket of \`/api/v1/realtime\`, 50 mails one after another.

| engine | conversations / messages (seed) | inbox p50 / p95 / p99 | SMTP ingest | mail to screen p50 / p99 |
|---|---|---|---|---|
${rows}
`;
console.log(`wrote ${await appendToBenchmarks(section)}`);
