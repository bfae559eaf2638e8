import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { simpleParser } from 'mailparser';
import type { Database } from '@rapport/db';
import { openDatabase } from '@rapport/db';
import type { WidgetMessage, WidgetServerFrame } from '@rapport/contracts';
import { sharedTestDatabase, testEngine } from '../../../test/database.js';
import { TestApp, testConfig, testPublicUrl, type Client } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import { until } from '../../../test/wait.js';
import { startRelaySink, type RelayedMail, type RelaySink } from '../../../test/mail-test-app.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import { createLogger } from '../../platform/logger.js';
import { channelAvailability, forgetAvailability } from './availability.js';
import { historyLimit } from './chat-messages.js';

// Real sockets and real SMTP: the app listens on 127.0.0.1, `ws` plays the widget, a local SMTP server the relay.

let database: Database;
let runtime: Runtime;
let t: TestApp;
let base: string;
let dataDir: string;
let sink: RelaySink;
const relayed: RelayedMail[] = [];

async function startListening(db: Database, env: Record<string, string>): Promise<{ runtime: Runtime; base: string }> {
  const config = testConfig(env);
  const started = await createRuntime(config, createLogger(config), { role: 'all', database: db, consoleDir: null });
  await started.app!.listen({ host: '127.0.0.1', port: 0 });
  await started.worker?.start();
  return { runtime: started, base: `127.0.0.1:${(started.app!.server.address() as AddressInfo).port}` };
}

let env: Record<string, string>;
beforeAll(async () => {
  database = (await sharedTestDatabase()).database;
  dataDir = await mkdtemp(join(tmpdir(), 'rapport-chat-'));
  sink = await startRelaySink(relayed);
  env = {
    RAPPORT_DATA_DIR: dataDir,
    SMTP_PORT: '0',
    SMTP_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
    MAIL_DOMAIN: 'rapport.test',
    JOB_POLL_MS: '20',
    WIDGET_MESSAGES_PER_MINUTE: '12',
  };
  ({ runtime, base } = await startListening(database, env));
  t = new TestApp(runtime);
});
afterAll(async () => {
  await runtime?.stop();
  await sink.close();
  await (await sharedTestDatabase()).drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A `ws` client playing the widget: keeps every frame and can wait for one. */
class Widget {
  readonly frames: WidgetServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as WidgetServerFrame);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket; `origin` plays the page a browser would name. */
  static async open(token: string, at = base, origin?: string): Promise<Widget> {
    const socket = new WebSocket(`ws://${at}/api/v1/widget/socket?token=${encodeURIComponent(token)}`, origin ? { origin } : {});
    const widget = new Widget(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return widget;
  }

  /** Opens, waits for `welcome`, says hello and returns the history. */
  static async connect(token: string, after: string | null = null, at = base) {
    const widget = await Widget.open(token, at);
    await widget.next('welcome');
    widget.send({ type: 'hello', after });
    const history = await widget.next('history');
    return { widget, history };
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  async next<K extends WidgetServerFrame['type']>(
    type: K,
    match: (frame: Extract<WidgetServerFrame, { type: K }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<WidgetServerFrame, { type: K }>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex((f) => f.type === type && match(f as Extract<WidgetServerFrame, { type: K }>));
      if (index >= 0) return this.frames.splice(index, 1)[0] as Extract<WidgetServerFrame, { type: K }>;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no ${type} frame; received: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async say(clientId: string, text: string): Promise<WidgetMessage> {
    this.send({ type: 'message', clientId, text });
    return (await this.next('ack', (f) => f.clientId === clientId)).message;
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000);
    await this.closed;
  }
}

async function chatChannel(owner: Client, settings: Record<string, unknown> = {}) {
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner,
    body: { kind: 'chat', name: 'Acme', settings: { greetings: { en: 'Hi!', tr: 'Merhaba!' }, ...settings } },
  });
  expect(created.statusCode).toBe(201);
  const setup = await t.request('GET', `/api/v1/channels/${created.json().id}/widget`, { as: owner });
  expect(setup.statusCode).toBe(200);
  return { id: created.json().id as string, ...setup.json<{ widgetKey: string; identitySecret: string; snippet: string }>() };
}

async function session(body: Record<string, unknown>) {
  return t.request('POST', '/api/v1/widget/sessions', { body });
}

async function visitorToken(key: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await session({ key, language: 'tr-TR', timeZone: 'Europe/Istanbul', ...extra });
  expect(response.statusCode).toBe(200);
  return response.json().visitorToken as string;
}

async function reply(as: Client, conversationId: string, body: string) {
  const response = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
    as,
    body: { kind: 'reply', body },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; deliveryStatus: string }>();
}

const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
let ids = 0;
const clientId = () => `c${Date.now().toString(36)}x${++ids}`;

describe('live chat: the widget channel', () => {
  it('gives admins the snippet, keeps its keys from agents, and shows the widget in the visitor’s language', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client, { colour: '#0a7c4a' });
    expect(channel.snippet).toBe(`<script src="http://rapport.test/widget.js" data-key="${channel.widgetKey}" async></script>`);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    expect((await t.request('GET', `/api/v1/channels/${channel.id}/widget`, { as: agent.client })).statusCode).toBe(403);

    const config = await t.request('GET', `/api/v1/widget/config?key=${channel.widgetKey}&lang=tr-TR`);
    expect(config.statusCode).toBe(200);
    expect(config.json()).toMatchObject({
      name: 'Acme',
      colour: '#0a7c4a',
      locale: 'tr',
      greeting: 'Merhaba!',
      preChatForm: 'off',
    });
    expect((await t.request('GET', `/api/v1/widget/config?key=${channel.widgetKey}&lang=ja`)).json()).toMatchObject({
      locale: 'en',
      greeting: 'Hi!',
    });
    const unknown = await t.request('GET', '/api/v1/widget/config?key=wk_nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_widget');
    const bad = await t.request('POST', '/api/v1/channels', {
      as: owner.client,
      body: { kind: 'chat', name: 'Bad', settings: { colour: 'green', position: 'top' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual([
      'settings.colour',
      'settings.position',
    ]);
  });

  it('resumes a visitor by token, refuses forged tokens and identities, and joins a signed-in user across devices', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const other = await chatChannel(owner.client);
    const first = await session({ key: channel.widgetKey });
    const token = first.json().visitorToken as string;
    const again = await session({ key: channel.widgetKey, visitorToken: token });
    expect(again.json().visitor.id).toBe(first.json().visitor.id);

    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const [key, visitorToken] of [
      [channel.widgetKey, forged],
      [other.widgetKey, token],
      [channel.widgetKey, 'nonsense'],
    ]) {
      const refused = await session({ key, visitorToken });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('invalid_visitor_token');
    }

    const identity = { externalId: 'user-42', email: 'ayse@example.com.tr', name: 'Ayşe Yılmaz' };
    const unsigned = await session({ key: channel.widgetKey, identity: { ...identity, signature: sign('wrong', 'user-42') } });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe('invalid_identity_signature');
    const phone = await session({
      key: channel.widgetKey,
      identity: { ...identity, signature: sign(channel.identitySecret, 'user-42') },
    });
    const laptop = await session({
      key: channel.widgetKey,
      identity: { ...identity, signature: sign(channel.identitySecret, 'user-42') },
    });
    expect(phone.statusCode).toBe(200);
    expect(laptop.json().visitor).toEqual({ ...phone.json().visitor, identified: true });
    expect(phone.json().visitor).toMatchObject({ name: 'Ayşe Yılmaz', email: 'ayse@example.com.tr', identified: true });
  });

  it('delivers both ways in real time, stores a resent message once, and shows typing and read receipts', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey, { page: { url: 'https://shop.example/cart', title: 'Sepet' } });
    const { widget, history } = await Widget.connect(token);
    expect(history).toEqual({ type: 'history', conversationId: null, messages: [], agentReadUpTo: null, hasMore: false });
    expect((await widget.next('availability')).availability).toMatchObject({ online: false });

    const id = clientId();
    const first = await widget.say(id, 'Merhaba, siparişim nerede?');
    expect(first).toMatchObject({ clientId: id, direction: 'inbound', text: 'Merhaba, siparişim nerede?' });
    // A resend after a lost ack: the same message, stored once.
    expect(await widget.say(id, 'Merhaba, siparişim nerede?')).toEqual(first);

    const list = await t.request('GET', '/api/v1/conversations', { as: owner.client });
    const [conversation] = list.json().items as { id: string; channel: { kind: string; canReply: boolean }; language: string }[];
    expect(conversation).toMatchObject({ channel: { kind: 'chat', canReply: true }, language: 'tr-TR' });
    const messages = await t.request('GET', `/api/v1/conversations/${conversation!.id}/messages`, { as: owner.client });
    expect(messages.json().items).toHaveLength(1);
    const visitor = await t.request('GET', `/api/v1/conversations/${conversation!.id}/visitor`, { as: owner.client });
    expect(visitor.json()).toMatchObject({
      language: 'tr-TR',
      timeZone: 'Europe/Istanbul',
      pageUrl: 'https://shop.example/cart',
      online: true,
    });

    // The agent types and answers; the visitor sees both at once, with the agent's name.
    const typing = await t.request('POST', `/api/v1/conversations/${conversation!.id}/typing`, {
      as: owner.client,
      body: { typing: true },
    });
    expect(typing.statusCode).toBe(204);
    expect(await widget.next('typing')).toEqual({ type: 'typing', typing: true, agentName: 'Kovács Péter' });
    const answer = await reply(owner.client, conversation!.id, 'Kargoda, yarın elinizde.');
    // The visitor is here: the reply is delivered by the socket as it commits, with no delivery job.
    expect(answer.deliveryStatus).toBe('sent');
    // The visitor's own first message may come back too (every tab of the visitor hears it): wait for the answer.
    expect((await widget.next('message', (f) => f.message.id === answer.id)).message).toMatchObject({
      id: answer.id,
      direction: 'outbound',
      text: 'Kargoda, yarın elinizde.',
      authorName: 'Kovács Péter',
      clientId: null,
    });
    // An internal note never reaches the visitor.
    await t.request('POST', `/api/v1/conversations/${conversation!.id}/messages`, {
      as: owner.client,
      body: { kind: 'note', body: 'VIP müşteri' },
    });

    // Read receipts both ways.
    widget.send({ type: 'read', upTo: answer.id });
    await until(async () => {
      const got = await t.request('GET', `/api/v1/conversations/${conversation!.id}`, { as: owner.client });
      return got.json().customerReadMessageId === answer.id;
    });
    const read = await t.request('POST', `/api/v1/conversations/${conversation!.id}/read`, {
      as: owner.client,
      body: { upTo: first.id },
    });
    expect(read.statusCode).toBe(204);
    expect(await widget.next('read')).toEqual({ type: 'read', upTo: first.id });
    expect(widget.frames.filter((f) => f.type === 'message')).toEqual([]);
    await widget.close();
    expect(workspaceId).toBeTruthy();
  });

  it('after a cut connection, sends what was missed and takes the queued messages in order, each once', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey);
    const { widget } = await Widget.connect(token);
    const opening = await widget.say(clientId(), 'Salom!');
    const conversationId = (
      (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items[0] as { id: string }
    ).id;
    const seen = await reply(owner.client, conversationId, 'Assalomu alaykum!');
    await widget.next('message', (f) => f.message.id === seen.id);
    widget.socket.terminate();
    await widget.closed;

    // While the visitor is away: the team writes twice.
    const missed = [
      await reply(owner.client, conversationId, 'Buyurtma raqamingiz?'),
      await reply(owner.client, conversationId, 'Kutamiz.'),
    ];
    const { widget: back, history } = await Widget.connect(token, seen.id);
    expect(history.messages.map((m) => m.id)).toEqual(missed.map((m) => m.id));
    // The visitor's queue: three messages written offline, the first of them sent before the cut too.
    const queued = [clientId(), clientId(), clientId()];
    for (const [index, id] of queued.entries()) back.send({ type: 'message', clientId: id, text: `navbat ${index + 1}` });
    back.send({ type: 'message', clientId: queued[0], text: 'navbat 1' });
    const acks = [];
    for (const id of queued) acks.push(await back.next('ack', (f) => f.clientId === id));
    await back.next('ack', (f) => f.clientId === queued[0]);
    const full = await Widget.connect(token);
    expect(full.history.messages.map((m) => m.text)).toEqual([
      'Salom!',
      'Assalomu alaykum!',
      'Buyurtma raqamingiz?',
      'Kutamiz.',
      'navbat 1',
      'navbat 2',
      'navbat 3',
    ]);
    expect(full.history.messages[0]!.id).toBe(opening.id);
    await back.close();
    await full.widget.close();
  });

  it('pages what a visitor missed of a long chat: every message once, in order', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey);
    const { widget } = await Widget.connect(token);
    const opening = await widget.say(clientId(), 'Salom!');
    await widget.close();
    const conversationId = (
      (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items[0] as { id: string }
    ).id;
    const missed: string[] = [];
    for (let n = 0; n < historyLimit + 5; n++) missed.push((await reply(owner.client, conversationId, `Javob ${n}`)).id);

    const { widget: back, history } = await Widget.connect(token, opening.id);
    expect(history.hasMore).toBe(true);
    expect(history.messages.map((m) => m.id)).toEqual(missed.slice(0, historyLimit));
    back.send({ type: 'hello', after: history.messages.at(-1)!.id });
    const rest = await back.next('history', (f) => f.messages[0]?.id === missed[historyLimit]);
    expect(rest.hasMore).toBe(false);
    expect(rest.messages.map((m) => m.id)).toEqual(missed.slice(historyLimit));
    await back.close();
  });

  it('keeps every visitor to their own conversation', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const a = await Widget.connect(await visitorToken(channel.widgetKey));
    const b = await Widget.connect(await visitorToken(channel.widgetKey));
    const fromA = await a.widget.say(clientId(), 'A yazıyor');
    await b.widget.say(clientId(), 'B yazıyor');
    const items = (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items as { id: string }[];
    expect(items).toHaveLength(2);
    const aConversation = (
      await t.db.selectFrom('messages').select('conversation_id').where('id', '=', fromA.id).executeTakeFirstOrThrow()
    ).conversation_id;
    const answer = await reply(owner.client, aConversation, 'Sadece A için');
    await a.widget.next('message', (f) => f.message.id === answer.id);
    // B asks for a message of A's conversation: refused, and B never receives A's messages.
    b.widget.send({ type: 'read', upTo: answer.id });
    expect((await b.widget.next('error')).code).toBe('unknown_message');
    b.widget.send({ type: 'hello', after: fromA.id });
    const bHistory = await b.widget.next('history');
    expect(bHistory.messages.map((m) => m.text)).toEqual(['B yazıyor']);
    expect(b.widget.frames.filter((f) => f.type === 'message')).toEqual([]);
    await a.widget.close();
    await b.widget.close();
  });

  it('answers bad frames with codes, limits floods, closes persistent offenders and refuses forged tokens', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey);
    const { widget } = await Widget.connect(token);
    widget.send('not json');
    expect((await widget.next('error')).code).toBe('invalid_frame');
    widget.send({ type: 'message', clientId: 'short', text: 'x' });
    expect((await widget.next('error')).code).toBe('invalid_frame');
    widget.send(JSON.stringify({ type: 'message', clientId: clientId(), text: 'x'.repeat(20_000) }));
    expect((await widget.next('error')).code).toBe('frame_too_large');
    widget.send(Buffer.from([1, 2, 3]));
    expect((await widget.next('error')).code).toBe('invalid_frame');

    // A flood: 12 messages a minute pass, the rest are refused with the wait.
    const flood = Array.from({ length: 16 }, () => clientId());
    for (const id of flood) widget.send({ type: 'message', clientId: id, text: 'spam' });
    const refused = await widget.next('error', (f) => f.code === 'rate_limited');
    expect(refused.clientId).toBe(flood[12]);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    await widget.next('ack', (f) => f.clientId === flood[11]);
    // Bad frames keep coming: the socket is closed.
    for (let i = 0; i < 10; i++) widget.send('{');
    expect((await widget.closed).code).toBe(1008);

    // The last character of the signature changed (with spare bits only, for a third of them), then a middle one.
    const forged = await Widget.open(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(await forged.next('error')).toMatchObject({ code: 'invalid_visitor_token' });
    expect((await forged.closed).code).toBe(4401);
    const middle = token.length - 10;
    const altered = await Widget.open(`${token.slice(0, middle)}${token[middle] === 'x' ? 'y' : 'x'}${token.slice(middle + 1)}`);
    expect(await altered.next('error')).toMatchObject({ code: 'invalid_visitor_token' });
    expect((await altered.closed).code).toBe(4401);
  });

  it('keeps both customers’ conversations and the visitor’s chat when two customers are merged', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey);
    const { widget } = await Widget.connect(token);
    await widget.say(clientId(), 'Ben Ayşe, telefondan yazıyorum');
    const other = await Widget.connect(await visitorToken(channel.widgetKey));
    await other.widget.say(clientId(), 'Ben de Ayşe, bilgisayardan');
    const items = (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items as {
      id: string;
      customer: { id: string };
    }[];
    const [kept, merged] = items.map((c) => c.customer.id);
    const merge = await t.request('POST', `/api/v1/customers/${kept}/merge`, { as: owner.client, body: { sourceId: merged } });
    expect(merge.statusCode).toBe(200);
    const after = (await t.request('GET', `/api/v1/conversations?customerId=${kept}`, { as: owner.client })).json().items;
    expect(after).toHaveLength(2);
    await other.widget.close();
    await widget.close();
    const visitors = await t.db.selectFrom('chat_visitors').select('customer_id').where('channel_id', '=', channel.id).execute();
    expect(visitors.filter((v) => v.customer_id !== null).every((v) => v.customer_id === kept)).toBe(true);
  });

  it('limits the messages of every visitor behind one address together', async () => {
    // A second app on the same database with a low limit per address (its own counters).
    const strict = await startListening(database, { ...env, WIDGET_MESSAGES_PER_ADDRESS_PER_MINUTE: '3' });
    try {
      const { owner } = await createWorkspace(t.db);
      const channel = await chatChannel(owner.client);
      const first = await Widget.connect(await visitorToken(channel.widgetKey), null, strict.base);
      const second = await Widget.connect(await visitorToken(channel.widgetKey), null, strict.base);
      await first.widget.say(clientId(), 'bir');
      await second.widget.say(clientId(), 'iki');
      await first.widget.say(clientId(), 'üç');
      const refused = clientId();
      second.widget.send({ type: 'message', clientId: refused, text: 'dört' });
      expect(await second.widget.next('error')).toMatchObject({ code: 'rate_limited', clientId: refused });
      await first.widget.close();
      await second.widget.close();
    } finally {
      await strict.runtime.worker?.stop();
      await strict.runtime.app?.close();
    }
  });

  it('continues by email when the visitor has left, sends the transcript, and is erased with the customer', async () => {
    const { owner } = await createWorkspace(t.db);
    const address = `destek-${Date.now()}@acme.test`;
    const email = await t.request('POST', '/api/v1/channels', {
      as: owner.client,
      body: { kind: 'email', name: 'Acme Destek', address },
    });
    expect(email.statusCode).toBe(201);
    const channel = await chatChannel(owner.client);
    const token = await visitorToken(channel.widgetKey);
    const { widget } = await Widget.connect(token);
    await widget.say(clientId(), 'Akşam ararsanız olur.');
    widget.send({ type: 'contact', email: 'Mehmet@Example.com.tr', name: 'Mehmet Öz' });
    expect(await widget.next('contact_saved')).toEqual({ type: 'contact_saved', email: 'mehmet@example.com.tr' });
    widget.send({ type: 'transcript' });
    expect(await widget.next('transcript_queued')).toEqual({ type: 'transcript_queued', email: 'mehmet@example.com.tr' });
    await until(() => relayed.some((m) => m.to.includes('mehmet@example.com.tr')));
    const transcript = await simpleParser(relayed.find((m) => m.to.includes('mehmet@example.com.tr'))!.raw);
    expect(transcript.subject).toBe('Acme ile yazışmanız');
    expect(transcript.text).toContain('Siz (');
    expect(transcript.text).toContain('Akşam ararsanız olur.');
    await widget.close();

    // Gone for a while: the reply goes by email from the email channel.
    const conversationId = (
      (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items[0] as { id: string }
    ).id;
    await t.db
      .updateTable('chat_visitors')
      .set({ last_seen_at: new Date(Date.now() - 10 * 60_000) })
      .where('conversation_id', '=', conversationId)
      .execute();
    const before = relayed.length;
    await reply(owner.client, conversationId, 'Saat 18:00’de arıyoruz.');
    await until(() => relayed.length > before);
    const mailed = await simpleParser(relayed[before]!.raw);
    expect(relayed[before]!.to).toEqual(['mehmet@example.com.tr']);
    expect(mailed.from?.value[0]?.address).toBe(address);
    expect(mailed.text).toContain('Saat 18:00’de arıyoruz.');

    // Erasure takes the visitor: the browser's token names nobody.
    const customerId = (await t.request('GET', `/api/v1/conversations/${conversationId}`, { as: owner.client })).json().customer
      .id;
    expect((await t.request('DELETE', `/api/v1/customers/${customerId}`, { as: owner.client })).statusCode).toBe(204);
    const gone = await session({ key: channel.widgetKey, visitorToken: token });
    expect(gone.json().error.code).toBe('invalid_visitor_token');
  });

  it('is online within business hours with an agent in the console, and says when the team is next in', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const calendar = await t.request('POST', '/api/v1/business-calendars', {
      as: owner.client,
      body: {
        name: 'İstanbul',
        isDefault: true,
        calendar: {
          timeZone: 'Europe/Istanbul',
          weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
          holidayCountry: 'TR',
          holidayRegion: null,
          overrides: [],
        },
      },
    });
    expect(calendar.statusCode).toBe(201);
    const row = await t.db.selectFrom('channels').selectAll().where('id', '=', channel.id).executeTakeFirstOrThrow();
    // Tuesday 2026-11-24, 21:00 in Istanbul (18:00 UTC): closed, open again at 09:00 (06:00 UTC).
    forgetAvailability();
    expect(await channelAvailability(t.db, row, new Date('2026-11-24T18:00:00Z'))).toEqual({
      online: false,
      nextOnlineAt: '2026-11-25T06:00:00.000Z',
      usualReplyMinutes: null,
    });
    // Within hours, but nobody in the console: offline, with no time to promise.
    forgetAvailability();
    const noon = new Date('2026-11-25T09:00:00Z');
    expect((await channelAvailability(t.db, row, noon)).online).toBe(false);
    await t.db.insertInto('agent_presence').values({ workspace_id: workspaceId, user_id: owner.userId, seen_at: noon }).execute();
    forgetAvailability();
    expect(await channelAvailability(t.db, row, noon)).toMatchObject({ online: true, nextOnlineAt: null });
  });
});

describe('live chat: who may start a visitor, and how often', () => {
  it('joins a signed-in user to the customer who has the verified email; an unverified one never joins', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const created = await t.request('POST', '/api/v1/customers', {
      as: owner.client,
      body: { givenName: 'Ayşe', familyName: 'Yılmaz', identities: [{ kind: 'email', value: 'ayse@example.com.tr' }] },
    });
    expect(created.statusCode).toBe(201);
    const customerId = created.json().id as string;

    // Signed by the site's server by email (no external id), spelled with capitals: the same mailbox.
    const email = 'Ayse@Example.com.tr';
    const signed = await session({
      key: channel.widgetKey,
      identity: { email, name: 'Ayşe Y.', signature: sign(channel.identitySecret, email) },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().visitor).toMatchObject({ email: 'ayse@example.com.tr', identified: true });
    const { widget } = await Widget.connect(signed.json().visitorToken as string);
    await widget.say(clientId(), 'Merhaba, siparişimi soracaktım');
    const [conversation] = (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items as {
      id: string;
      customer: { id: string };
    }[];
    expect(conversation!.customer.id).toBe(customerId);
    const customer = (await t.request('GET', `/api/v1/customers/${customerId}`, { as: owner.client })).json();
    expect(customer.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['chat', 'email']);
    // The same user on another device: the same visitor, the same customer, no second one.
    const again = await session({ key: channel.widgetKey, identity: { email, signature: sign(channel.identitySecret, email) } });
    expect(again.json().visitor.id).toBe(signed.json().visitor.id);

    // Someone else types her email into the form: an unverified email makes a customer of its own.
    const stranger = await Widget.connect(await visitorToken(channel.widgetKey));
    stranger.widget.send({ type: 'contact', email: 'ayse@example.com.tr', name: 'Ayşe?' });
    await stranger.widget.next('contact_saved');
    await stranger.widget.say(clientId(), 'Ben de Ayşe');
    const items = (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items as {
      customer: { id: string };
    }[];
    expect(items).toHaveLength(2);
    expect(items.filter((item) => item.customer.id === customerId)).toHaveLength(1);
    const customers = (await t.request('GET', '/api/v1/customers', { as: owner.client })).json().items as { id: string }[];
    expect(customers).toHaveLength(2);
    await widget.close();
    await stranger.widget.close();
  });

  it('limits new sessions (429) and sockets (1013) per address', async () => {
    // A second app on the same database with low limits per address (its own counters).
    const strict = await startListening(database, {
      ...env,
      WIDGET_SESSIONS_PER_MINUTE: '2',
      WIDGET_CONNECTIONS_PER_MINUTE: '2',
    });
    try {
      const { owner } = await createWorkspace(t.db);
      const channel = await chatChannel(owner.client);
      const start = () =>
        fetch(`http://${strict.base}/api/v1/widget/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ key: channel.widgetKey }),
        });
      const first = await start();
      expect(first.status).toBe(200);
      expect((await start()).status).toBe(200);
      const refused = await start();
      expect(refused.status).toBe(429);
      const error = ((await refused.json()) as { error: { code: string; details: { retryAfterMs: number } } }).error;
      expect(error.code).toBe('rate_limited');
      expect(error.details.retryAfterMs).toBeGreaterThan(0);

      // Sockets: two a minute from this address, the third is told why and closed with 1013 (try again later).
      const token = ((await first.json()) as { visitorToken: string }).visitorToken;
      const open = [await Widget.open(token, strict.base), await Widget.open(token, strict.base)];
      for (const socket of open) expect((await socket.next('welcome')).type).toBe('welcome');
      const third = await Widget.open(token, strict.base);
      const frame = await third.next('error');
      expect(frame.code).toBe('rate_limited');
      expect(frame.retryAfterMs).toBeGreaterThan(0);
      expect((await third.closed).code).toBe(1013);
      expect(third.frames.filter((f) => f.type === 'welcome')).toEqual([]);
      for (const socket of open) await socket.close();
    } finally {
      await strict.runtime.worker?.stop();
      await strict.runtime.app?.close();
    }
  });

  it('lets only Rapport’s own pages and the listed sites start visitors and open sockets, when sites are listed', async () => {
    const { owner } = await createWorkspace(t.db);
    const listed = await chatChannel(owner.client, { allowedOrigins: ['https://shop.example/'] });
    const open = await chatChannel(owner.client);
    const from = (key: string, origin?: string) =>
      t.request('POST', '/api/v1/widget/sessions', { body: { key }, headers: origin ? { origin } : {} });

    // The iframe app runs on Rapport's origin (the public URL), so its requests name that.
    expect((await from(listed.widgetKey, testPublicUrl)).statusCode).toBe(200);
    expect((await from(listed.widgetKey, 'https://shop.example')).statusCode).toBe(200);
    // No Origin: not a browser page (the site's server, curl).
    expect((await from(listed.widgetKey)).statusCode).toBe(200);
    for (const origin of ['https://evil.example', 'https://shop.example.evil.test', 'http://shop.example', 'null']) {
      const refused = await from(listed.widgetKey, origin);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('unknown_widget');
    }
    // A channel that lists no sites may be embedded anywhere.
    expect((await from(open.widgetKey, 'https://evil.example')).statusCode).toBe(200);

    const token = (await from(listed.widgetKey)).json().visitorToken as string;
    const foreign = await Widget.open(token, base, 'https://evil.example');
    expect(await foreign.next('error')).toMatchObject({ code: 'unknown_widget' });
    expect((await foreign.closed).code).toBe(4401);
    expect(foreign.frames.filter((f) => f.type === 'welcome')).toEqual([]);
    // The iframe's socket: the page's origin is the host the request went to.
    const own = await Widget.open(token, base, `http://${base}`);
    expect((await own.next('welcome')).type).toBe('welcome');
    await own.close();
    const site = await Widget.open(token, base, 'https://shop.example');
    expect((await site.next('welcome')).type).toBe('welcome');
    await site.close();
  });
});

describe('live chat: the required pre-chat form', () => {
  it('refuses a visitor’s messages until they give an email, unless their signed identity carries one', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client, { preChatForm: 'required' });
    const stored = async () => ({
      messages: (await t.db.selectFrom('messages').select('id').where('workspace_id', '=', workspaceId).execute()).length,
      customers: (await t.request('GET', '/api/v1/customers', { as: owner.client })).json().items.length as number,
    });

    // The widget's form skipped by writing to the socket directly: refused with the clientId, and nothing stored.
    const { widget } = await Widget.connect(await visitorToken(channel.widgetKey));
    const skipped = clientId();
    widget.send({ type: 'message', clientId: skipped, text: 'Formu atladım' });
    expect(await widget.next('error')).toMatchObject({ code: 'contact_required', clientId: skipped });
    expect(await stored()).toEqual({ messages: 0, customers: 0 });
    const visitor = await t.db
      .selectFrom('chat_visitors')
      .select('conversation_id')
      .where('channel_id', '=', channel.id)
      .execute();
    expect(visitor).toEqual([{ conversation_id: null }]);

    // The form sent: the same message is taken.
    widget.send({ type: 'contact', email: 'Elif@Example.com.tr', name: 'Elif Kaya' });
    await widget.next('contact_saved');
    expect(await widget.say(skipped, 'Formu atladım')).toMatchObject({ clientId: skipped, text: 'Formu atladım' });
    expect(await stored()).toEqual({ messages: 1, customers: 1 });

    // A signed-in user whose identity carries an email has given what the form asks; one without an email has not.
    const identified = async (identity: Record<string, string>) => {
      const signed = await session({
        key: channel.widgetKey,
        identity: { ...identity, signature: sign(channel.identitySecret, identity.externalId!) },
      });
      expect(signed.statusCode).toBe(200);
      return (await Widget.connect(signed.json().visitorToken as string)).widget;
    };
    const withEmail = await identified({ externalId: 'user-7', email: 'can@example.com.tr', name: 'Can Demir' });
    await withEmail.say(clientId(), 'Merhaba, üye girişi yaptım');
    const withoutEmail = await identified({ externalId: 'user-8', name: 'Deniz Ak' });
    const refused = clientId();
    withoutEmail.send({ type: 'message', clientId: refused, text: 'Adım yeterli mi?' });
    expect(await withoutEmail.next('error')).toMatchObject({ code: 'contact_required', clientId: refused });
    expect((await stored()).messages).toBe(2);

    // An optional form may be skipped.
    const optional = await chatChannel(owner.client, { preChatForm: 'optional' });
    const skipping = await Widget.connect(await visitorToken(optional.widgetKey));
    await skipping.widget.say(clientId(), 'Form isteğe bağlı');
    for (const open of [widget, withEmail, withoutEmail, skipping.widget]) await open.close();
  });
});

describe('live chat: a channel changed while visitors chat', () => {
  it('applies a pre-chat form made required to a visitor already chatting, from their next message', async () => {
    const { owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client, { preChatForm: 'optional' });
    const { widget } = await Widget.connect(await visitorToken(channel.widgetKey));
    await widget.say(clientId(), 'Form isteğe bağlıyken yazdım');

    const changed = await t.request('PATCH', `/api/v1/channels/${channel.id}`, {
      as: owner.client,
      body: { settings: { greetings: { en: 'Hi!', tr: 'Merhaba!' }, preChatForm: 'required' } },
    });
    expect(changed.statusCode).toBe(200);
    // The change reaches the socket's process as an event: a message sent before it lands is still taken.
    const answerTo = async (id: string) => {
      const find = () => widget.frames.find((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === id);
      await until(() => find() !== undefined, 5_000);
      return find()!;
    };
    let refused: WidgetServerFrame | undefined;
    await until(async () => {
      const id = clientId();
      widget.send({ type: 'message', clientId: id, text: 'Hâlâ yazabiliyor muyum?' });
      const answer = await answerTo(id);
      if (answer.type === 'error') refused = answer;
      return refused !== undefined;
    }, 5_000);
    expect(refused).toMatchObject({ code: 'contact_required' });
    widget.send({ type: 'contact', email: 'elif@example.com.tr' });
    await widget.next('contact_saved');
    await widget.say(clientId(), 'E-postamı verdim');
    await widget.close();
  });

  it('sends the open widgets of that channel, and only them, its new public config in each visitor’s language', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const other = await chatChannel(owner.client);
    const { widget } = await Widget.connect(await visitorToken(channel.widgetKey));
    const { widget: english } = await Widget.connect(await visitorToken(channel.widgetKey, { language: 'en-GB' }));
    const { widget: bystander } = await Widget.connect(await visitorToken(other.widgetKey));

    const changed = await t.request('PATCH', `/api/v1/channels/${channel.id}`, {
      as: owner.client,
      body: {
        name: 'Acme Destek',
        settings: {
          greetings: { en: 'Welcome back!', tr: 'Tekrar hoş geldiniz!' },
          colour: '#0a7c4a',
          position: 'left',
          preChatForm: 'required',
        },
      },
    });
    expect(changed.statusCode).toBe(200);
    const { config } = await widget.next('config');
    expect(config).toMatchObject({
      name: 'Acme Destek',
      colour: '#0a7c4a',
      position: 'left',
      locale: 'tr',
      greeting: 'Tekrar hoş geldiniz!',
      preChatForm: 'required',
    });
    // The same public shape the widget loads its config in, and nothing more.
    expect(config).toEqual((await t.request('GET', `/api/v1/widget/config?key=${channel.widgetKey}&lang=tr-TR`)).json());
    expect((await english.next('config')).config).toMatchObject({ locale: 'en', greeting: 'Welcome back!' });
    const { token_secret: tokenSecret } = await t.db
      .selectFrom('chat_widgets')
      .select('token_secret')
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channel.id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(config);
    for (const hidden of [channel.identitySecret, tokenSecret, channel.widgetKey, channel.id, workspaceId])
      expect(text).not.toContain(hidden);
    // Written in the same turn as the others: a pong answered after it would follow it on the same socket.
    bystander.send({ type: 'ping' });
    await bystander.next('pong');
    expect(bystander.frames.filter((f) => f.type === 'config')).toEqual([]);
    await Promise.all([widget.close(), english.close(), bystander.close()]);
  });
});

describe('live chat: the agent emails the transcript', () => {
  it('sends a chat to the given address or the customer’s, in the visitor’s language, and only for chats', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await chatChannel(owner.client);
    const { widget } = await Widget.connect(await visitorToken(channel.widgetKey));
    await widget.say(clientId(), 'Faturamı e-postayla alabilir miyim?');
    const conversationId = (
      (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items[0] as { id: string }
    ).id;
    await reply(owner.client, conversationId, 'Elbette, hemen gönderiyoruz.');
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
      as: owner.client,
      body: { kind: 'note', body: 'Gizli not: VIP' },
    });
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const transcript = (body: Record<string, unknown> = {}, as: Client = agent.client, id = conversationId) =>
      t.request('POST', `/api/v1/conversations/${id}/transcript`, { as, body });

    // The anonymous visitor left no email, and none is given.
    const noAddress = await transcript();
    expect(noAddress.statusCode).toBe(409);
    expect(noAddress.json().error.code).toBe('email_required');
    // Nothing to send from yet.
    const noSender = await transcript({ email: 'muhasebe@example.com.tr' });
    expect(noSender.statusCode).toBe(409);
    expect(noSender.json().error.code).toBe('no_email_channel');
    const address = `destek-${Date.now()}@acme.test`;
    const email = await t.request('POST', '/api/v1/channels', {
      as: owner.client,
      body: { kind: 'email', name: 'Acme Destek', address },
    });
    expect(email.statusCode).toBe(201);
    expect((await transcript({ email: 'not an address' })).json().error.code).toBe('validation_failed');

    const queued = await transcript({ email: 'Muhasebe@Example.com.tr' });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ email: 'muhasebe@example.com.tr' });
    await until(() => relayed.some((m) => m.to.includes('muhasebe@example.com.tr')));
    const mail = await simpleParser(relayed.find((m) => m.to.includes('muhasebe@example.com.tr'))!.raw);
    expect(mail.from?.value[0]?.address).toBe(address);
    expect(mail.subject).toBe('Acme ile yazışmanız');
    expect(mail.text).toContain('Siz (');
    expect(mail.text).toContain('Faturamı e-postayla alabilir miyim?');
    expect(mail.text).toContain('Kovács Péter (');
    expect(mail.text).toContain('Elbette, hemen gönderiyoruz.');
    expect(mail.text).not.toContain('VIP');

    // The visitor leaves an email in the chat: now the customer has one, and it is the default.
    widget.send({ type: 'contact', email: 'zeynep@example.com.tr', name: 'Zeynep' });
    await widget.next('contact_saved');
    await widget.close();
    // An older chat whose visitor has moved on to a new one: written in the customer's language.
    await t.db
      .updateTable('chat_visitors')
      .set({ conversation_id: null })
      .where('conversation_id', '=', conversationId)
      .execute();
    const toCustomer = await transcript();
    expect(toCustomer.statusCode).toBe(202);
    expect(toCustomer.json().email).toBe('zeynep@example.com.tr');
    await until(() => relayed.some((m) => m.to.includes('zeynep@example.com.tr')));
    const second = await simpleParser(relayed.find((m) => m.to.includes('zeynep@example.com.tr'))!.raw);
    expect(second.subject).toBe('Acme ile yazışmanız');
    expect(second.text).toContain('Elbette, hemen gönderiyoruz.');

    // A phone conversation has no transcript; another workspace's chat is not found.
    const call = await t.request('POST', '/api/v1/calls', {
      as: owner.client,
      body: { direction: 'inbound', phoneNumber: '+905321234567' },
    });
    expect(call.statusCode).toBe(201);
    const phone = await transcript({ email: 'a@example.com' }, agent.client, call.json().conversationId as string);
    expect(phone.statusCode).toBe(409);
    expect(phone.json().error.code).toBe('not_a_chat_conversation');
    const stranger = await createWorkspace(t.db);
    const foreign = await transcript({ email: 'a@example.com' }, stranger.owner.client);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');

    // In the API reference, from the same schemas.
    const openapi = (await t.request('GET', '/api/v1/openapi.json')).json();
    const operation = openapi.paths['/api/v1/conversations/{conversationId}/transcript'].post;
    expect(Object.keys(operation.requestBody.content['application/json'].schema.properties)).toEqual(['email']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['202', '409']));
  });
});

describe.skipIf(testEngine === 'pglite')('two app processes on one PostgreSQL', () => {
  // Skipped on PGlite: its data folder is opened by one process only.
  it('a reply posted to process A, and a change of the channel there, reach the widget socket held by process B', async () => {
    const { location } = await sharedTestDatabase();
    const secondDatabase = await openDatabase({ url: location.url!, poolSize: 2 });
    const second = await startListening(secondDatabase, { ...env, SMTP_RELAY_URL: '' });
    try {
      const { owner } = await createWorkspace(t.db);
      const channel = await chatChannel(owner.client);
      const { widget } = await Widget.connect(await visitorToken(channel.widgetKey), null, second.base);
      await widget.say(clientId(), 'B süreci üzerinden');
      const conversationId = (
        (await t.request('GET', '/api/v1/conversations', { as: owner.client })).json().items[0] as { id: string }
      ).id;
      const answer = await reply(owner.client, conversationId, 'A süreci yanıtlıyor');
      // The team's: the visitor's own message may come back too, when its event reaches B after the socket joined the
      // new conversation.
      expect((await widget.next('message', (f) => f.message.direction === 'outbound')).message.id).toBe(answer.id);
      const changed = await t.request('PATCH', `/api/v1/channels/${channel.id}`, {
        as: owner.client,
        body: { settings: { greetings: { tr: 'B sürecine de selam' } } },
      });
      expect(changed.statusCode).toBe(200);
      expect((await widget.next('config')).config.greeting).toBe('B sürecine de selam');
      await widget.close();
    } finally {
      await second.runtime.stop();
    }
  });
});
