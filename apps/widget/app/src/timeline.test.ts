import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline';
import { storedMessage } from './testing/fake-socket';

const pending = (clientId: string, text: string, createdAt = '2026-01-01T12:05:00Z') => ({
  clientId,
  text,
  createdAt,
  isFailed: false,
});

describe('Timeline', () => {
  it('replaces a pending bubble with the acknowledged message, in place, never twice', () => {
    const timeline = new Timeline();
    timeline.addPending(pending('client-0001', 'hello'));
    const stored = storedMessage({ direction: 'inbound', clientId: 'client-0001', text: 'hello' });
    timeline.upsert(stored);
    timeline.upsert(stored); // the ack of a resend, or history after a reconnect
    expect(timeline.items()).toHaveLength(1);
    expect(timeline.items()[0]).toMatchObject({ key: 'client-0001', id: stored.id, state: 'sent' });
    timeline.addPending(pending('client-0001', 'hello')); // a late outbox replay
    expect(timeline.items()).toHaveLength(1);
  });

  it('dedupes by id even when the clientId is missing once', () => {
    const timeline = new Timeline();
    const stored = storedMessage({ direction: 'inbound', clientId: 'client-0002' });
    timeline.upsert({ ...stored, clientId: null });
    timeline.upsert(stored);
    expect(timeline.items()).toHaveLength(1);
  });

  it('orders server messages by createdAt then id, with pending ones after them', () => {
    const timeline = new Timeline();
    const late = storedMessage({ direction: 'outbound', createdAt: '2026-01-01T12:00:02Z' });
    const early = storedMessage({ direction: 'inbound', clientId: 'client-0003', createdAt: '2026-01-01T12:00:01Z' });
    const sameTimeA = storedMessage({ direction: 'outbound', createdAt: '2026-01-01T12:00:02Z' });
    timeline.addPending(pending('client-0004', 'typed', '2026-01-01T11:00:00Z')); // a slow local clock
    timeline.upsert(sameTimeA);
    timeline.upsert(late);
    timeline.upsert(early);
    expect(timeline.items().map((item) => item.key)).toEqual([early.clientId, late.id, sameTimeA.id, 'client-0004']);
    expect(timeline.lastConfirmedId()).toBe(sameTimeA.id);
  });

  it('puts "Seen" under the visitor\'s last message the team has read, and never moves it back', () => {
    const timeline = new Timeline();
    const first = storedMessage({ direction: 'inbound', clientId: 'client-0005' });
    const reply = storedMessage({ direction: 'outbound' });
    const second = storedMessage({ direction: 'inbound', clientId: 'client-0006' });
    for (const message of [first, reply, second]) timeline.upsert(message);
    timeline.setAgentReadUpTo(reply.id);
    expect(timeline.seenItemKey()).toBe('client-0005');
    timeline.setAgentReadUpTo(second.id);
    expect(timeline.seenItemKey()).toBe('client-0006');
    timeline.setAgentReadUpTo(first.id);
    expect(timeline.seenItemKey()).toBe('client-0006');
  });

  it("counts team messages after the visitor's read receipt", () => {
    const timeline = new Timeline();
    const a = storedMessage({ direction: 'outbound' });
    const b = storedMessage({ direction: 'outbound' });
    timeline.upsert(a);
    timeline.upsert(b);
    expect(timeline.countOutboundAfter(null)).toBe(2);
    expect(timeline.countOutboundAfter(a.id)).toBe(1);
    expect(timeline.newestOutboundId()).toBe(b.id);
  });
});
