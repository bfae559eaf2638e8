import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
