import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { once } from 'node:events';
import {
  maxRealtimeFrameBytes,
  realtimeAccessLostCloseCode,
  realtimeServerFrame,
  type RealtimeServerFrame,
} from '@rapport/contracts';
import { openDatabase, type Database, type Role } from '@rapport/db';
import { createLogger } from '../logger.js';
import { recordEvent } from '../events.js';
import { invalidateCache } from '../cache.js';
import { newId } from '../ids.js';
import { systemActor, type WorkspaceContext } from '../context.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import { deleteSession } from '../../modules/auth/auth.repo.js';
import { removeMember } from '../../modules/workspaces/members.js';
import { createApiToken, revokeApiToken } from '../../modules/workspaces/api-tokens.js';
import { TestApp, testConfig, testPublicUrl, type Client } from '../../../test/harness.js';
import { sharedTestDatabase, testEngine } from '../../../test/database.js';
import { createPerson, createWorkspace, type TestMember } from '../../../test/factories.js';
import { until } from '../../../test/wait.js';
import { RealtimeHub, type RealtimeOptions } from './realtime-hub.js';
import { realtimePath } from './realtime.routes.js';

// Real sockets: the app listens on 127.0.0.1 and `ws` connects to it, on the suite's database engine.

/** The API role listening on 127.0.0.1 (a random port), for tests that need real sockets. */
interface ListeningApp {
  runtime: Runtime;
  /** ws://127.0.0.1:<port>/api/v1/realtime */
  url: string;
}

/** Starts the API role on the database and listens on 127.0.0.1; close with `runtime.app.close()`. */
async function startListeningApp(database: Database, realtime: Partial<RealtimeOptions> = {}): Promise<ListeningApp> {
  const config = testConfig();
  const runtime = await createRuntime(config, createLogger(config), { role: 'api', database, consoleDir: null, realtime });
  if (!runtime.app) throw new Error('the runtime has no HTTP app');
  await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = runtime.app.server.address() as AddressInfo;
  return { runtime, url: `ws://127.0.0.1:${port}${realtimePath}` };
}

/** A refused handshake: the HTTP status and the parsed error body. */
class HandshakeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string } },
  ) {
    super(`handshake refused with ${status}`);
  }
}

interface ConnectOptions {
  as?: Client;
  /** The Origin header; defaults to the app's public URL when connecting with a cookie. */
  origin?: string | null;
  /** Answer the server's pings (default true); false plays a peer that vanished. */
  autoPong?: boolean;
}

/** A `ws` client that keeps every frame it receives (validated against the contract) and can wait for one. */
class TestSocket {
  readonly frames: RealtimeServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(realtimeServerFrame.parse(JSON.parse(data.toString('utf8'))));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket and waits for the server's `hello`; rejects with HandshakeRefused on an HTTP answer. */
  static async connect(url: string, options: ConnectOptions = {}): Promise<TestSocket> {
    const headers: Record<string, string> = {};
    if (options.as?.cookie) headers.cookie = options.as.cookie;
    if (options.as?.bearer) headers.authorization = `Bearer ${options.as.bearer}`;
    const origin = options.origin === undefined ? (options.as?.cookie ? testPublicUrl : null) : options.origin;
    const socket = new WebSocket(url, { headers, ...(origin ? { origin } : {}), autoPong: options.autoPong ?? true });
    const client = new TestSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => reject(new HandshakeRefused(response.statusCode ?? 0, JSON.parse(body || '{}'))));
      });
      socket.once('error', reject);
      socket.once('open', () => resolve());
    });
    await client.next((frame) => frame.type === 'hello');
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Removes and returns the first received frame that matches; waits up to `timeoutMs` for it. */
  async next<T extends RealtimeServerFrame>(match: (frame: RealtimeServerFrame) => frame is T, timeoutMs?: number): Promise<T>;
  async next(match: (frame: RealtimeServerFrame) => boolean, timeoutMs?: number): Promise<RealtimeServerFrame>;
  async next(match: (frame: RealtimeServerFrame) => boolean, timeoutMs = 10_000): Promise<RealtimeServerFrame> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as RealtimeServerFrame;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no matching frame; received: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next event frame's event (skipping nothing else: other frames stay for `next`). */
  async nextEvent(timeoutMs?: number) {
    const frame = await this.next((f) => f.type === 'event', timeoutMs);
    if (frame.type !== 'event') throw new Error('unreachable');
    return frame.event;
  }

  /** Names of the events received and not yet taken. */
  eventNames(): string[] {
    return this.frames.flatMap((frame) => (frame.type === 'event' ? [frame.event.name] : []));
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000);
    await this.closed;
  }
}

let database: Database;
let app: ListeningApp;
const heartbeatMs = 150;

beforeAll(async () => {
  database = (await sharedTestDatabase()).database;
  app = await startListeningApp(database, { heartbeatMs });
});
afterAll(async () => {
  await app.runtime.app?.close();
  await (await sharedTestDatabase()).drop();
});

function hub() {
  if (!app.runtime.app) throw new Error('no app');
  return app.runtime.app.realtime;
}

function openConnections(): Promise<number> {
  return new Promise((resolve, reject) =>
    app.runtime.app?.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

async function record(workspaceId: string, name: string, subjectId = newId()): Promise<string> {
  return recordEvent(database.db, { workspaceId, actor: systemActor }, { name, subjectType: 'test', subjectId, data: { n: 1 } });
}

function contextOf(workspaceId: string, member: TestMember): WorkspaceContext {
  return { workspaceId, role: member.role, actor: { type: 'user', id: member.userId } };
}

async function refusal(url: string, options: ConnectOptions): Promise<HandshakeRefused> {
  const error: unknown = await TestSocket.connect(url, options).then(
    () => new Error('the handshake was accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof HandshakeRefused)) throw error;
  return error;
}

describe('GET /api/v1/realtime', () => {
  it('refuses the upgrade with the usual error body: no credentials, unknown token, a cookie from another origin', async () => {
    const { owner } = await createWorkspace(database.db);
    const anonymous = await refusal(app.url, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('unauthenticated');

    const unknownToken = await refusal(app.url, { as: { bearer: 'rpt_not-a-token' } });
    expect(unknownToken.status).toBe(401);
    expect(unknownToken.body.error?.code).toBe('unauthenticated');

    const crossSite = await refusal(app.url, { as: owner.client, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error?.code).toBe('origin_not_allowed');

    const noOrigin = await refusal(app.url, { as: owner.client, origin: null });
    expect(noOrigin.body.error?.code).toBe('origin_not_allowed');

    // Signed in, but in no workspace.
    const outsider = await createPerson(database.db);
    expect((await refusal(app.url, { as: outsider.client })).body.error?.code).toBe('forbidden');

    const plain = await new TestApp(app.runtime).request('GET', '/api/v1/realtime', { as: owner.client });
    expect(plain.statusCode).toBe(426);
    expect(plain.json().error.code).toBe('upgrade_required');
    // Refused upgrades leave no socket behind (the app could not close with one).
    await until(async () => (await openConnections()) === 0);
  });

  it('greets a console session from the app’s origin and an API token alike', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const { token } = await createApiToken(database.db, contextOf(workspaceId, owner), {
      name: 'inbox bot',
      role: 'agent',
      expiresAt: null,
    });
    const bySession = await TestSocket.connect(app.url, { as: owner.client });
    // The origin of the host it was sent to is the app's own too (a development proxy keeps Host).
    const sameHost = await TestSocket.connect(app.url, {
      as: owner.client,
      origin: new URL(app.url.replace('ws:', 'http:')).origin,
    });
    const byToken = await TestSocket.connect(app.url, { as: { bearer: token } });
    expect(hub().connectionCount(workspaceId)).toBe(3);
    for (const socket of [bySession, sameHost, byToken]) await socket.close();
    await until(() => hub().connectionCount(workspaceId) === 0);
  });

  it('sends committed events of its own workspace only, read once for all its sockets', async () => {
    const mine = await createWorkspace(database.db);
    const theirs = await createWorkspace(database.db);
    const sockets = await Promise.all([1, 2, 3].map(() => TestSocket.connect(app.url, { as: mine.owner.client })));
    const stranger = await TestSocket.connect(app.url, { as: theirs.owner.client });

    const reads = vi.spyOn(app.runtime.services.db, 'selectFrom');
    await record(theirs.workspaceId, 'conversation.created');
    const subjectId = newId();
    const id = await database.db.transaction().execute(async (trx) => {
      await recordEvent(
        trx,
        { workspaceId: mine.workspaceId, actor: systemActor },
        { name: 'conversation.created', subjectType: 'conversation', subjectId },
      );
      return recordEvent(
        trx,
        { workspaceId: mine.workspaceId, actor: systemActor },
        { name: 'message.received', subjectType: 'conversation', subjectId },
      );
    });
    for (const socket of sockets) {
      expect((await socket.nextEvent()).name).toBe('conversation.created');
      const event = await socket.nextEvent();
      expect(event).toMatchObject({ id, name: 'message.received', subjectType: 'conversation', subjectId, data: {} });
      expect(Date.parse(event.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      // The other workspace's event was announced first: it would have arrived first.
      expect(socket.eventNames()).toEqual([]);
    }
    expect((await stranger.nextEvent()).name).toBe('conversation.created');
    expect(stranger.eventNames()).toEqual([]);
    // Three events, four sockets: each announced batch is read once, not once per socket.
    const eventReads = reads.mock.calls.filter(([table]) => table === 'events').length;
    reads.mockRestore();
    expect(eventReads).toBeGreaterThanOrEqual(1);
    expect(eventReads).toBeLessThanOrEqual(3);
    for (const socket of [...sockets, stranger]) await socket.close();
  });

  it('delivers an event recorded by a real route', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const socket = await TestSocket.connect(app.url, { as: owner.client });
    const created = await new TestApp(app.runtime).request('POST', '/api/v1/customers', {
      as: owner.client,
      body: { givenName: 'Ayşe', familyName: 'Yılmaz' },
    });
    expect(created.statusCode).toBe(201);
    const event = await socket.nextEvent();
    expect(event).toMatchObject({ name: 'customer.created', subjectType: 'customer', subjectId: created.json().id });
    expect(hub().connectionCount(workspaceId)).toBe(1);
    await socket.close();
  });

  it('narrows to subscribed name prefixes, and widens again on a subscribe without names', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const socket = await TestSocket.connect(app.url, { as: owner.client });
    socket.send({ type: 'subscribe', names: ['conversation.', 'message.received', 'conversation.'] });
    expect(await socket.next((f) => f.type === 'subscribed')).toEqual({
      type: 'subscribed',
      names: ['conversation.', 'message.received'],
    });
    for (const name of ['customer.created', 'message.sent', 'message.received', 'conversation.assigned'])
      await record(workspaceId, name);
    expect((await socket.nextEvent()).name).toBe('message.received');
    expect((await socket.nextEvent()).name).toBe('conversation.assigned');

    socket.send({ type: 'subscribe' });
    expect(await socket.next((f) => f.type === 'subscribed')).toEqual({ type: 'subscribed', names: null });
    await record(workspaceId, 'customer.updated');
    expect((await socket.nextEvent()).name).toBe('customer.updated');
    // Nothing of the first four slipped through late.
    expect(socket.eventNames()).toEqual([]);
    await socket.close();
  });

  it('keeps manager-only events (members, tokens, invites) from agents', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const agent = await createPerson(database.db, { workspaceId, role: 'agent' });
    const ownerSocket = await TestSocket.connect(app.url, { as: owner.client });
    const agentSocket = await TestSocket.connect(app.url, { as: agent.client });
    await record(workspaceId, 'api_token.created');
    await record(workspaceId, 'conversation.created');
    expect((await ownerSocket.nextEvent()).name).toBe('api_token.created');
    expect((await ownerSocket.nextEvent()).name).toBe('conversation.created');
    expect((await agentSocket.nextEvent()).name).toBe('conversation.created');
    expect(agentSocket.eventNames()).toEqual([]);
    await ownerSocket.close();
    await agentSocket.close();
  });

  it('answers ping with pong', async () => {
    const { owner } = await createWorkspace(database.db);
    const socket = await TestSocket.connect(app.url, { as: owner.client });
    socket.send({ type: 'ping' });
    expect(await socket.next((f) => f.type === 'pong')).toEqual({ type: 'pong' });
    await socket.close();
  });

  it('answers bad frames with stable codes and closes the socket (1008) after repeated abuse', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const socket = await TestSocket.connect(app.url, { as: owner.client });
    const errorCode = async () => {
      const frame = await socket.next((f) => f.type === 'error');
      return frame.type === 'error' ? frame.code : undefined;
    };
    socket.send('not json');
    expect(await errorCode()).toBe('invalid_frame');
    socket.send({ type: 'shout' });
    expect(await errorCode()).toBe('invalid_frame');
    socket.send({ type: 'subscribe', names: ['Conversation; DROP'] });
    expect(await errorCode()).toBe('invalid_frame');
    socket.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(maxRealtimeFrameBytes) }));
    expect(await errorCode()).toBe('frame_too_large');
    // Still open and serving after four mistakes.
    socket.send({ type: 'ping' });
    await socket.next((f) => f.type === 'pong');
    socket.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await errorCode()).toBe('invalid_frame');
    expect(await socket.closed).toEqual({ code: 1008, reason: 'too many bad frames' });
    await until(() => hub().connectionCount(workspaceId) === 0);
  });

  it('terminates a socket that misses a pong, keeps one that answers, and forgets closed sockets', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const silent = await TestSocket.connect(app.url, { as: owner.client, autoPong: false });
    const alive = await TestSocket.connect(app.url, { as: owner.client });
    expect(hub().connectionCount(workspaceId)).toBe(2);
    // Terminated without a closing handshake: the client sees an abnormal closure.
    expect((await silent.closed).code).toBe(1006);
    await until(() => hub().connectionCount(workspaceId) === 1);
    // Several heartbeats later the answering socket is still served.
    await new Promise((resolve) => setTimeout(resolve, heartbeatMs * 5));
    await record(workspaceId, 'conversation.created');
    expect((await alive.nextEvent()).name).toBe('conversation.created');
    await alive.close();
    await until(() => hub().connectionCount() === 0);
  });
});

describe('access re-checks', () => {
  it('closes a socket whose session was signed out (4403), before later events reach it', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const agent = await createPerson(database.db, { workspaceId, role: 'agent' });
    const socket = await TestSocket.connect(app.url, { as: agent.client });
    const session = await database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', agent.userId)
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute(async (trx) => {
      await deleteSession(trx, session.id);
      await recordEvent(
        trx,
        { workspaceId, actor: { type: 'user', id: owner.userId } },
        { name: 'conversation.created', subjectType: 'conversation', subjectId: newId() },
      );
    });
    expect(await socket.closed).toEqual({ code: realtimeAccessLostCloseCode, reason: 'access lost' });
    expect(socket.eventNames()).toEqual([]);
    expect(hub().connectionCount(workspaceId)).toBe(0);
  });

  it('closes the sockets of a member removed from the workspace, and of a revoked API token', async () => {
    const { workspaceId, owner } = await createWorkspace(database.db);
    const agent = await createPerson(database.db, { workspaceId, role: 'agent' });
    const { apiToken, token } = await createApiToken(database.db, contextOf(workspaceId, owner), {
      name: 'bot',
      role: 'agent',
      expiresAt: null,
    });
    const agentSocket = await TestSocket.connect(app.url, { as: agent.client });
    const tokenSocket = await TestSocket.connect(app.url, { as: { bearer: token } });
    const ownerSocket = await TestSocket.connect(app.url, { as: owner.client });

    await removeMember(database.db, contextOf(workspaceId, owner), agent.userId);
    expect((await agentSocket.closed).code).toBe(realtimeAccessLostCloseCode);
    await revokeApiToken(database.db, contextOf(workspaceId, owner), apiToken.id);
    expect((await tokenSocket.closed).code).toBe(realtimeAccessLostCloseCode);

    // The owner's socket is untouched and still served.
    await record(workspaceId, 'conversation.created');
    expect(ownerSocket.eventNames()).toContain('member.removed');
    await ownerSocket.next((f) => f.type === 'event' && f.event.name === 'conversation.created');
    expect(hub().connectionCount(workspaceId)).toBe(1);
    await ownerSocket.close();
  });
});

describe('the hub and credential changes', () => {
  it('holds events announced after a credential change until the socket’s access is confirmed', async () => {
    const { workspaceId } = await createWorkspace(database.db);
    const { db, events, logger } = app.runtime.services;
    const hub = new RealtimeHub({ db, database, events, logger });
    await hub.start();
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    // Each socket's re-check waits until the test answers it.
    const answers = new Map<string, (role: Role | null) => void>();
    const tags = [`session:${newId()}`, `session:${newId()}`];
    server.on('connection', (socket) => {
      const tag = tags[hub.connectionCount(workspaceId)] ?? '';
      hub.accept(socket, {
        workspaceId,
        userId: null,
        role: 'agent',
        accessTags: [tag],
        checkAccess: () => new Promise((resolve) => answers.set(tag, resolve)),
      });
    });
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const kept = await TestSocket.connect(url);
      const lost = await TestSocket.connect(url);
      await database.db.transaction().execute(async (trx) => {
        await invalidateCache(trx, ...tags);
        await recordEvent(
          trx,
          { workspaceId, actor: systemActor },
          { name: 'conversation.created', subjectType: 'conversation', subjectId: newId() },
        );
      });
      await until(() => answers.size === 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kept.eventNames()).toEqual([]);
      expect(lost.eventNames()).toEqual([]);

      answers.get(tags[1] ?? '')?.(null);
      answers.get(tags[0] ?? '')?.('agent');
      expect((await kept.nextEvent()).name).toBe('conversation.created');
      expect((await lost.closed).code).toBe(realtimeAccessLostCloseCode);
      expect(lost.eventNames()).toEqual([]);
    } finally {
      await hub.close();
      server.close();
    }
  });
});

describe('shutdown', () => {
  it('closing the app closes its sockets with 1001', async () => {
    const other = await startListeningApp(database, { heartbeatMs });
    const { workspaceId, owner } = await createWorkspace(database.db);
    const socket = await TestSocket.connect(other.url, { as: owner.client });
    expect(other.runtime.app?.realtime.connectionCount(workspaceId)).toBe(1);
    await other.runtime.app?.close();
    expect((await socket.closed).code).toBe(1001);
    expect(other.runtime.app?.realtime.connectionCount()).toBe(0);
  });
});

describe.skipIf(testEngine === 'pglite')('two app instances on one PostgreSQL', () => {
  // Skipped on PGlite: its data folder is opened by one process only, so there is no second instance to reach.
  it('an event recorded through instance A reaches a socket on instance B', async () => {
    const { location } = await sharedTestDatabase();
    if (!location.url) throw new Error('no PostgreSQL url');
    const secondDatabase = await openDatabase({ url: location.url, poolSize: 2 });
    const second = await startListeningApp(secondDatabase, { heartbeatMs });
    try {
      const { workspaceId, owner } = await createWorkspace(database.db);
      const theirs = await createWorkspace(database.db);
      const onB = await TestSocket.connect(second.url, { as: owner.client });
      const strangerOnB = await TestSocket.connect(second.url, { as: theirs.owner.client });
      const created = await new TestApp(app.runtime).request('POST', '/api/v1/customers', {
        as: owner.client,
        body: { givenName: 'Nodir', familyName: 'Karimov' },
      });
      expect(created.statusCode).toBe(201);
      expect(await onB.nextEvent()).toMatchObject({ name: 'customer.created', subjectId: created.json().id });
      await record(theirs.workspaceId, 'conversation.created');
      expect((await strangerOnB.nextEvent()).name).toBe('conversation.created');
      expect(strangerOnB.eventNames()).toEqual([]);
      expect(second.runtime.app?.realtime.connectionCount(workspaceId)).toBe(1);
      await onB.close();
      await strangerOnB.close();
    } finally {
      await second.runtime.stop();
    }
  });
});
