import type { WidgetServerFrame } from '@rapport/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from './backoff';
import { Connection, type ConnectionStatus } from './connection';
import { fakeSockets } from './testing/fake-socket';

function setup(overrides: { random?: () => number; url?: () => string | null } = {}) {
  const sockets = fakeSockets();
  const frames: WidgetServerFrame[] = [];
  const statuses: ConnectionStatus[] = [];
  const onTokenRefused = vi.fn();
  const connection = new Connection({
    url: overrides.url ?? (() => 'ws://rapport.test/api/v1/widget/socket?token=t'),
    createSocket: sockets.create,
    onFrame: (frame) => frames.push(frame),
    onStatus: (status) => statuses.push(status),
    onTokenRefused,
    random: overrides.random ?? (() => 1),
  });
  return { connection, sockets, frames, statuses, onTokenRefused };
}

describe('backoffDelay', () => {
  it('doubles from 500 ms up to the 15 s cap, with half of it random', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(40, () => 0.5)).toBe(11250);
  });
});

describe('Connection', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is open only after the server says welcome, and passes frames on', () => {
    const { connection, sockets, frames } = setup();
    connection.start();
    expect(connection.status).toBe('connecting');
    sockets.last().open(false);
    expect(connection.send({ type: 'ping' })).toBe(false);
    sockets.last().receive({ type: 'welcome', visitorId: 'v', heartbeatMs: 30_000, maxFrameBytes: 16_384 });
    expect(connection.status).toBe('open');
    expect(connection.send({ type: 'typing', typing: true })).toBe(true);
    expect(frames.map((frame) => frame.type)).toEqual(['welcome']);
  });

  it('reconnects with growing delays after drops, and resets them after a welcome', () => {
    const { connection, sockets } = setup();
    connection.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = sockets.sockets.length;
      sockets.last().drop();
      expect(connection.status).toBe('waiting');
      let waited = 0;
      while (sockets.sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    sockets.last().open();
    sockets.last().drop();
    vi.advanceTimersByTime(499);
    const count = sockets.sockets.length;
    vi.advanceTimersByTime(1);
    expect(sockets.sockets.length).toBe(count + 1);
  });

  it('spreads reconnects with jitter', () => {
    const { connection, sockets } = setup({ random: () => 0 });
    connection.start();
    sockets.last().drop();
    vi.advanceTimersByTime(249);
    expect(sockets.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('pings every 25 s and reconnects when no pong comes within 10 s', () => {
    const { connection, sockets } = setup();
    connection.start();
    const first = sockets.last();
    first.open();
    vi.advanceTimersByTime(25_000);
    expect(first.sentOfType('ping')).toHaveLength(1);
    first.receive({ type: 'pong' });
    vi.advanceTimersByTime(25_000);
    expect(first.sentOfType('ping')).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(first.closedWith).toBe(4000);
    expect(connection.status).toBe('waiting');
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('gives up on a socket that never opens', () => {
    const { connection, sockets } = setup();
    connection.start();
    vi.advanceTimersByTime(10_000);
    expect(sockets.last().closedWith).toBe(4000);
    expect(connection.status).toBe('waiting');
  });

  it('hands a refused token (4401) to the caller instead of retrying', () => {
    const { connection, sockets, onTokenRefused } = setup();
    connection.start();
    sockets.last().drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(onTokenRefused).toHaveBeenCalledOnce();
    expect(sockets.sockets).toHaveLength(1);
    expect(connection.status).toBe('idle');
  });

  it('reconnects at once when the network comes back', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets.last().drop();
    expect(sockets.sockets).toHaveLength(1);
    connection.wake();
    expect(sockets.sockets).toHaveLength(2);
  });

  it('stays closed after stop()', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets.last().open();
    connection.stop();
    expect(sockets.last().closedWith).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('waits idle without a session (no url)', () => {
    const { connection, sockets } = setup({ url: () => null });
    connection.start();
    expect(sockets.sockets).toHaveLength(0);
    expect(connection.status).toBe('idle');
  });
});
