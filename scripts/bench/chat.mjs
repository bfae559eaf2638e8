#!/usr/bin/env node
// Live chat benchmark: one app process holds `--sockets` widget sockets opened by a separate client process
// (scripts/bench/lib/widget-clients.mjs); the server's memory per idle socket is measured; then the agent replies
// through the API at `--rate` messages per second to `--talkers` conversations, and every reply is timed from the POST
// until it arrives on the visitor's socket.
//   node scripts/bench/chat.mjs [--sockets 10000] [--talkers 2000] [--rate 200] [--seconds 20] [--engines postgres,pglite]
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
  rssMb,
  runProcess,
  signIn,
  sleep,
  startServer,
} from './lib/server.mjs';

const { values: args } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    talkers: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    engines: { type: 'string', default: 'postgres,pglite' },
  },
});

/** Setup, an API token and a chat channel; its widget key. */
async function prepare(server) {
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
  const channel = (
    await json(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'chat', name: 'Bench shop', settings: { greetings: { en: 'Hi!' } } }),
    })
  ).body;
  const setup = (await json(`${server.url}/api/v1/channels/${channel.id}/widget`, { headers: auth })).body;
  return { token, key: setup.widgetKey };
}

async function benchEngine(engine) {
  const postgres = engine === 'postgres' ? await startTemporaryPostgres({ settings: benchPostgresSettings }) : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-chat-'));
  const env = {
    RAPPORT_DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    // One client process plays every visitor from 127.0.0.1: the per-address limits would refuse it.
    WIDGET_SESSIONS_PER_MINUTE: '1000000',
    WIDGET_CONNECTIONS_PER_MINUTE: '1000000',
    WIDGET_MESSAGES_PER_ADDRESS_PER_MINUTE: '1000000',
  };
  const server = await startServer(env);
  try {
    const { token, key } = await prepare(server);
    await sleep(2000);
    const serverRssIdle = rssMb(server.child.pid);
    console.log(`bench chat: ${args.sockets} sockets on ${engine} …`);
    const clients = await runProcess('scripts/bench/lib/widget-clients.mjs', {
      url: server.url,
      token,
      key,
      serverPid: server.child.pid,
      count: Number(args.sockets),
      talkers: Number(args.talkers),
      rate: Number(args.rate),
      seconds: Number(args.seconds),
    });
    return {
      engine,
      serverRssIdle,
      ...clients,
      kbPerSocket: ((clients.serverRssConnected - serverRssIdle) * 1024) / clients.count,
    };
  } finally {
    await server.stop();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const engine of args.engines.split(',')) {
  const result = await benchEngine(engine);
  console.log(JSON.stringify(result, null, 2));
  results.push(result);
}

const f = (n) => (n === null ? '–' : Number(n).toFixed(1));
const rows = results
  .map(
    (r) =>
      `| ${r.engine === 'postgres' ? 'PostgreSQL 15' : `PGlite ${packageVersion('@electric-sql/pglite')}`} | ` +
      `${r.count.toLocaleString('en')} (opened in ${f(r.openSeconds)} s, ${r.stillOpen.toLocaleString('en')} open at the end) | ` +
      `${f(r.serverRssIdle)} → ${f(r.serverRssConnected)} MB: **${f(r.kbPerSocket)} KB** per socket | ` +
      `${r.replies.toLocaleString('en')} at ${f(r.achievedRate)}/s to ${r.talkers.toLocaleString('en')} chats | ` +
      `${f(r.p50)} / ${f(r.p95)} / **${f(r.p99)}** ms (max ${f(r.max)}) | ${f(r.postP50)} / ${f(r.postP99)} ms | ` +
      `${r.delivered} delivered, ${r.lost} lost, ${r.errors} errors |`,
  )
  .join('\n');
const section = `
## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — live chat: widget sockets and reply delivery

Machine: ${await machineLine()}. One app process (\`rapport start\`); a separate process
(\`scripts/bench/lib/widget-clients.mjs\`) opens the widget sessions and sockets (each says hello and reads its empty
history), then ${Number(args.talkers).toLocaleString('en')} of the visitors write one message each (a conversation
each). The agent then replies through the API (an API token) at ${args.rate} per second for ${args.seconds} s to those
conversations; a reply is timed from its POST until it arrives on the visitor's socket (both ends in the client
process). Memory per idle socket: the server's RSS with every socket connected minus its RSS before, divided by the
sockets.

| engine | sockets | server memory | replies | delivery p50 / p95 / p99 | of which the POST, p50 / p99 | |
|---|---|---|---|---|---|---|
${rows}
`;
console.log(`wrote ${await appendToBenchmarks(section)}`);
