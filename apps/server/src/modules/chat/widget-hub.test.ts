import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetServerFrame } from '@rapport/contracts';
import WebSocket, { WebSocketServer } from 'ws';
import { FileStore } from '../../platform/file-store.js';
import { sharedTestApp, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import { until } from '../../../test/wait.js';
import { findWidget } from './widget-keys.js';
import { findVisitor } from './visitors.js';
import { WidgetHub } from './widget-hub.js';

// The hub on its own, with a fast heartbeat, behind a bare WebSocket server.

const heartbeatMs = 300;
let t: TestApp;
let dir: string;
let hub: WidgetHub;
let server: WebSocketServer;
const accepting: { widgetKey: string; visitorId: string }[] = [];

beforeAll(async () => {
  t = await sharedTestApp();
  dir = await mkdtemp(join(tmpdir(), 'rapport-widget-hub-'));
  const { config, database, db, events, logger } = t.runtime.services;
  hub = new WidgetHub({ db, database, events, logger, config, files: new FileStore(dir) }, { heartbeatMs });
  await hub.start();
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) => {
    const next = accepting.shift()!;
    void (async () => {
      const widget = await findWidget(db, next.widgetKey);
      hub.accept(socket, widget, (await findVisitor(db, widget.channel.workspace_id, next.visitorId))!, '127.0.0.1');
    })();
  });
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function visitor(widgetKey: string, autoPong: boolean) {
  const session = await t.request('POST', '/api/v1/widget/sessions', { body: { key: widgetKey } });
  const visitorId = session.json<{ visitor: { id: string } }>().visitor.id;
  accepting.push({ widgetKey, visitorId });
  const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { autoPong });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('message', resolve)); // welcome
  return { socket, closed, visitorId };
}

describe('the widget hub’s heartbeat', () => {
  it('drops a socket that stops answering pings, keeps one that answers, and keeps its visitor marked present', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const created = await t.request('POST', '/api/v1/channels', { as: owner.client, body: { kind: 'chat', name: 'Shop' } });
    const { widgetKey } = (await t.request('GET', `/api/v1/channels/${created.json().id}/widget`, { as: owner.client })).json<{
      widgetKey: string;
    }>();
    const silent = await visitor(widgetKey, false);
    const alive = await visitor(widgetKey, true);
    expect(hub.connectionCount()).toBe(2);
    const before = (await findVisitor(t.db, workspaceId, alive.visitorId))!.last_seen_at;
    // Terminated without a closing handshake: the client sees an abnormal closure.
    expect(await silent.closed).toBe(1006);
    await until(() => hub.connectionCount() === 1);
    await new Promise((resolve) => setTimeout(resolve, heartbeatMs * 3));
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    const after = (await findVisitor(t.db, workspaceId, alive.visitorId))!.last_seen_at;
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    alive.socket.close();
    expect(await alive.closed).toBe(1005);
    await until(() => hub.connectionCount() === 0);
  });
});

/** A socket that only counts: enough of `ws` for the hub to write to it (it answers pings). */
function countingSocket(onFrame: (frame: WidgetServerFrame) => void) {
  const listeners = new Map<string, (() => void)[]>();
  const emit = (event: string) => {
    for (const listener of listeners.get(event) ?? []) listener();
  };
  const socket = {
    OPEN: WebSocket.OPEN,
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    send: (text: string) => onFrame(JSON.parse(text) as WidgetServerFrame),
    ping: () => emit('pong'),
    on: (event: string, listener: () => void) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    close: () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.readyState = WebSocket.CLOSED;
      emit('close');
    },
    terminate: () => socket.close(),
  };
  return socket;
}

describe('the widget hub and a changed channel', () => {
  it('sends the new config to a channel’s many sockets a few hundred per turn of the event loop', async () => {
    const { owner } = await createWorkspace(t.db);
    const created = await t.request('POST', '/api/v1/channels', { as: owner.client, body: { kind: 'chat', name: 'Shop' } });
    const channelId = created.json<{ id: string }>().id;
    const { widgetKey } = (await t.request('GET', `/api/v1/channels/${channelId}/widget`, { as: owner.client })).json<{
      widgetKey: string;
    }>();
    const session = await t.request('POST', '/api/v1/widget/sessions', { body: { key: widgetKey, language: 'hu' } });
    const widget = await findWidget(t.db, widgetKey);
    const visitor = (await findVisitor(
      t.db,
      widget.channel.workspace_id,
      session.json<{ visitor: { id: string } }>().visitor.id,
    ))!;
    const tabs = 600;
    const configs: WidgetServerFrame[] = [];
    let byNextTurn: number | null = null;
    const sockets = Array.from({ length: tabs }, () =>
      countingSocket((frame) => {
        if (frame.type !== 'config') return;
        // What was written before the event loop turned once.
        if (configs.push(frame) === 1) setImmediate(() => (byNextTurn = configs.length));
      }),
    );
    const before = hub.connectionCount();
    for (const socket of sockets) hub.accept(socket as unknown as WebSocket, widget, visitor, '127.0.0.1');

    const changed = await t.request('PATCH', `/api/v1/channels/${channelId}`, {
      as: owner.client,
      body: { settings: { greetings: { hu: 'Szia!' } } },
    });
    expect(changed.statusCode).toBe(200);
    await until(() => configs.length === tabs);
    expect(byNextTurn).toBe(250);
    expect(configs[tabs - 1]).toMatchObject({ type: 'config', config: { locale: 'hu', greeting: 'Szia!' } });
    for (const socket of sockets) socket.close();
    expect(hub.connectionCount()).toBe(before);
  });
});
