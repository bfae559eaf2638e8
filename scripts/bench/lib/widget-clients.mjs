#!/usr/bin/env node
// Plays many website visitors at once, in its own process: opens `count` widget sessions and sockets, measures the
// server's memory per idle socket, lets `talkers` of them start a conversation, then has the agent (an API token)
// reply at `rate` messages per second for `seconds` and measures each reply from the POST until it arrives on the
// visitor's socket. Prints one JSON line.
//   node scripts/bench/lib/widget-clients.mjs '{"url":…,"token":…,"key":…,"serverPid":…,"count":10000,…}'
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const config = JSON.parse(process.argv[2]);
const { url, token, key, serverPid, count, talkers, rate, seconds } = config;
const wsUrl = url.replace(/^http/, 'ws');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function post(path, body, headers = {}) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// 1. Sessions and sockets: every visitor says hello and waits for its history.
const visitors = Array.from({ length: count }, (_, i) => ({ i, socket: null, waiters: new Map() }));
const pending = new Map(); // reply text → send time
const latencies = [];
/** How long the API took to answer each reply's POST (part of its delivery time). */
const postLatencies = [];
let lost = 0;
const openStarted = performance.now();
await pool(visitors, 100, async (visitor) => {
  const session = await post('/api/v1/widget/sessions', { key, language: 'tr', timeZone: 'Europe/Istanbul' });
  const socket = new WebSocket(`${wsUrl}/api/v1/widget/socket?token=${encodeURIComponent(session.visitorToken)}`, {
    perMessageDeflate: false,
  });
  visitor.socket = socket;
  await new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'welcome') socket.send(JSON.stringify({ type: 'hello', after: null }));
      else if (frame.type === 'history') resolve();
      else if (frame.type === 'ack') visitor.waiters.get(frame.clientId)?.(frame.message);
      else if (frame.type === 'message' && frame.message.direction === 'outbound') {
        const sent = pending.get(frame.message.text);
        if (sent !== undefined) {
          latencies.push(performance.now() - sent);
          pending.delete(frame.message.text);
        }
      }
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed ${code}`)));
  });
});
const openSeconds = (performance.now() - openStarted) / 1000;
await sleep(3000);
const serverRssConnected = rssMb(serverPid);

// 2. Conversations: the first `talkers` visitors write once.
const conversations = [];
await pool(visitors.slice(0, talkers), 20, async (visitor) => {
  const clientId = `bench${visitor.i}x${Date.now().toString(36)}`;
  const acked = new Promise((resolve) => visitor.waiters.set(clientId, resolve));
  visitor.socket.send(JSON.stringify({ type: 'message', clientId, text: `Merhaba ${visitor.i}` }));
  await acked;
});
{
  // Their conversation ids, through the API (the widget does not need them).
  let cursor = null;
  do {
    const response = await fetch(`${url}/api/v1/conversations?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = await response.json();
    conversations.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
}

// 3. The agent replies at `rate` per second to random conversations; each reply is timed until a socket has it.
const total = rate * seconds;
const interval = 1000 / rate;
const started = performance.now();
let errors = 0;
const inFlight = [];
for (let n = 0; n < total; n++) {
  const due = started + n * interval;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const conversationId = conversations[n % conversations.length];
  const text = `Yanıt ${n} ${Math.random().toString(36).slice(2, 8)}`;
  const posted = performance.now();
  pending.set(text, posted);
  inFlight.push(
    post(
      `/api/v1/conversations/${conversationId}/messages`,
      { kind: 'reply', body: text },
      { authorization: `Bearer ${token}` },
    ).then(
      () => postLatencies.push(performance.now() - posted),
      () => {
        errors++;
        pending.delete(text);
      },
    ),
  );
}
await Promise.all(inFlight);
const achievedRate = total / ((performance.now() - started) / 1000);
const deadline = performance.now() + 10_000;
while (pending.size > 0 && performance.now() < deadline) await sleep(50);
lost = pending.size;
const serverRssAfter = rssMb(serverPid);
const stillOpen = visitors.filter((v) => v.socket.readyState === WebSocket.OPEN).length;
for (const visitor of visitors) visitor.socket.terminate();

latencies.sort((a, b) => a - b);
postLatencies.sort((a, b) => a - b);
const at = (q, list = latencies) => list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? null;
console.log(
  JSON.stringify({
    count,
    openSeconds,
    serverRssConnected,
    talkers: conversations.length,
    replies: total,
    achievedRate,
    delivered: latencies.length,
    lost,
    errors,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies.at(-1) ?? null,
    postP50: at(0.5, postLatencies),
    postP99: at(0.99, postLatencies),
    stillOpen,
    serverRssAfter,
  }),
);
process.exit(0);
