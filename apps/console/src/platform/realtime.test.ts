import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { RealtimeClientFrame, RealtimeServerFrame, RealtimeSignal } from '@rapport/contracts';
import { noEventsPrefix, RealtimeClient, reconnectDelayMs, type LiveUpdate, type SocketFactory } from './realtime';

// A real WebSocket server on 127.0.0.1 that speaks the server's side of the protocol, and `ws` as the
// browser's WebSocket: the client's connecting, resubscribing and reconnecting run for real.

interface ServerSide {
  socket: WebSocket;
  received: RealtimeClientFrame[];
  closed: Promise<number>;
}

let server: WebSocketServer;
let url: string;
let connections: ServerSide[];
let stops: (() => void)[];

const wsSocket: SocketFactory = (target, handlers) => {
  const socket = new WebSocket(target);
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data: Buffer) => handlers.onMessage(data.toString('utf8')));
  socket.on('close', (code) => handlers.onClose(code));
  socket.on('error', () => undefined);
  return socket;
};

function send(side: ServerSide, frame: RealtimeServerFrame): void {
  side.socket.send(JSON.stringify(frame));
}

function event(name: string): RealtimeServerFrame {
  return {
    type: 'event',
    event: { id: name, name, subjectType: 'conversation', subjectId: 'c1', data: {}, createdAt: '2026-11-25T12:00:00.000Z' },
  };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function newClient(): RealtimeClient {
  const client = new RealtimeClient({ url, createSocket: wsSocket, minDelayMs: 20, maxDelayMs: 200, idleCloseMs: 50 });
  // Every listener leaves after its test, so no client keeps reconnecting into the next one.
  const listen = client.listen.bind(client);
  client.listen = (listener) => {
    const stop = listen(listener);
    stops.push(stop);
    return stop;
  };
  return client;
}

function lastSubscription(side: ServerSide): RealtimeClientFrame | undefined {
  return side.received.filter((frame) => frame.type === 'subscribe').at(-1);
}

beforeEach(async () => {
  connections = [];
  stops = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    const side: ServerSide = {
      socket,
      received: [],
      closed: new Promise((resolve) => socket.on('close', (code) => resolve(code))),
    };
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as RealtimeClientFrame;
      side.received.push(frame);
      if (frame.type === 'subscribe') send(side, { type: 'subscribed', names: frame.names ?? null });
    });
    connections.push(side);
    send(side, {
      type: 'hello',
      connectionId: String(connections.length),
      workspaceId: 'w1',
      heartbeatMs: 30_000,
      maxFrameBytes: 65_536,
    });
  });
  await new Promise((resolve) => server.on('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/realtime`;
});

afterEach(async () => {
  for (const stop of stops) stop();
  for (const side of connections) side.socket.terminate();
  await new Promise((resolve) => server.close(resolve));
});

describe('RealtimeClient', () => {
  it('connects lazily, once for every listener, and feeds each the events of its prefixes', async () => {
    const client = newClient();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toHaveLength(0);

    const conversations: LiveUpdate[] = [];
    const messages: LiveUpdate[] = [];
    client.listen({ prefixes: ['conversation.'], onUpdate: (u) => conversations.push(u) });
    const stopMessages = client.listen({ prefixes: ['message.received'], onUpdate: (u) => messages.push(u) });
    await until(() => client.isConnected);
    const side = connections[0]!;
    await until(
      () =>
        JSON.stringify(lastSubscription(side)) ===
        JSON.stringify({ type: 'subscribe', names: ['conversation.', 'message.received'] }),
    );

    for (const name of ['conversation.assigned', 'message.received', 'message.sent']) send(side, event(name));
    await until(() => conversations.length === 1 && messages.length === 1);
    expect(conversations[0]).toMatchObject({ type: 'event', event: { name: 'conversation.assigned' } });
    expect(messages[0]).toMatchObject({ type: 'event', event: { name: 'message.received' } });

    // One listener for everything widens the socket; leaving narrows it again.
    const stopAll = client.listen({ prefixes: [], onUpdate: () => undefined });
    await until(() => JSON.stringify(lastSubscription(side)) === JSON.stringify({ type: 'subscribe' }));
    stopAll();
    stopMessages();
    await until(() => JSON.stringify(lastSubscription(side)) === JSON.stringify({ type: 'subscribe', names: ['conversation.'] }));
    expect(connections).toHaveLength(1);
  });

  it('reconnects after the connection drops, resubscribes, and tells every listener to refetch', async () => {
    const client = newClient();
    const updates: LiveUpdate[] = [];
    client.listen({ prefixes: ['message.'], onUpdate: (u) => updates.push(u) });
    await until(() => client.isConnected && connections.length === 1);
    expect(updates).toEqual([]);

    connections[0]!.socket.terminate();
    await until(() => connections.length === 2 && client.isConnected);
    const second = connections[1]!;
    await until(() => JSON.stringify(lastSubscription(second)) === JSON.stringify({ type: 'subscribe', names: ['message.'] }));
    expect(updates).toEqual([{ type: 'reconnected' }]);

    send(second, event('message.sent'));
    await until(() => updates.length === 2);
    expect(updates[1]).toMatchObject({ type: 'event', event: { name: 'message.sent' } });
  });

  it('keeps retrying with growing delays while the server is away', async () => {
    const client = newClient();
    client.listen({ prefixes: [], onUpdate: () => undefined });
    await until(() => client.isConnected);
    // Every new connection is dropped at once: attempts continue, further and further apart.
    const times: number[] = [];
    server.removeAllListeners('connection');
    server.on('connection', (socket) => {
      times.push(Date.now());
      socket.terminate();
    });
    connections[0]!.socket.terminate();
    await until(() => times.length >= 4, 5_000);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    // Attempt n waits between half and all of min(200, 20·2^n) ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[2]).toBeGreaterThanOrEqual(70);
    expect(gaps[2]).toBeGreaterThan(gaps[0]!);
  });

  it('closes the socket a little after the last listener leaves, without reconnecting', async () => {
    const client = newClient();
    const stop = client.listen({ prefixes: ['conversation.'], onUpdate: () => undefined });
    await until(() => client.isConnected);
    stop();
    expect(await connections[0]!.closed).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toHaveLength(1);
    expect(client.isConnected).toBe(false);
  });
});

describe('signals', () => {
  it('reach signal listeners whatever the subscription; a socket kept open for them alone asks for no events', async () => {
    const client = newClient();
    const signals: RealtimeSignal[] = [];
    const stopSignals = client.listenSignals((signal) => signals.push(signal));
    await until(() => client.isConnected);
    const side = connections[0]!;
    await until(() => JSON.stringify(lastSubscription(side)) === JSON.stringify({ type: 'subscribe', names: [noEventsPrefix] }));

    const updates: LiveUpdate[] = [];
    client.listen({ prefixes: ['conversation.'], onUpdate: (u) => updates.push(u) });
    await until(() => JSON.stringify(lastSubscription(side)) === JSON.stringify({ type: 'subscribe', names: ['conversation.'] }));
    const typing: RealtimeSignal = { kind: 'typing', conversationId: 'c1', by: 'customer', userId: null, typing: true };
    send(side, { type: 'signal', signal: typing });
    send(side, event('conversation.read'));
    await until(() => signals.length === 1 && updates.length === 1);
    expect(signals).toEqual([typing]);
    // Signals are not events: event listeners never hear them.
    expect(updates[0]).toMatchObject({ type: 'event', event: { name: 'conversation.read' } });

    stopSignals();
    send(side, { type: 'signal', signal: { kind: 'page', conversationId: 'c1', url: 'https://a.example/', title: 'A' } });
    send(side, event('conversation.updated'));
    await until(() => updates.length === 2);
    expect(signals).toHaveLength(1);
  });
});

describe('reconnectDelayMs', () => {
  const options = { minDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles from the minimum up to the cap, jittered into the upper half', () => {
    expect(reconnectDelayMs(0, { ...options, random: () => 0 })).toBe(250);
    expect(reconnectDelayMs(0, { ...options, random: () => 1 })).toBe(500);
    expect(reconnectDelayMs(3, { ...options, random: () => 1 })).toBe(4_000);
    expect(reconnectDelayMs(10, { ...options, random: () => 0 })).toBe(15_000);
    expect(reconnectDelayMs(1_000, { ...options, random: () => 1 })).toBe(30_000);
  });
});
