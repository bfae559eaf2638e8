import { describe, expect, it } from 'vitest';
import { newClientId, Outbox } from './outbox';
import { createMemoryStore } from './storage';

const now = new Date('2026-01-01T12:00:00Z');

describe('Outbox', () => {
  it('keeps entries in the order they were typed and hands out the oldest first', () => {
    const outbox = new Outbox(createMemoryStore(), 'outbox');
    const first = outbox.add('one', now);
    outbox.add('two', now);
    expect(outbox.entries().map((entry) => entry.text)).toEqual(['one', 'two']);
    expect(outbox.next()?.clientId).toBe(first.clientId);
  });

  it('survives a reload: a new outbox over the same storage has the same entries', () => {
    const store = createMemoryStore();
    const outbox = new Outbox(store, 'outbox');
    outbox.add('typed offline', now);
    outbox.add('and another', now);
    const reloaded = new Outbox(store, 'outbox');
    expect(reloaded.entries().map((entry) => entry.text)).toEqual(['typed offline', 'and another']);
  });

  it('drops an acknowledged entry once, and skips failed ones until retried', () => {
    const outbox = new Outbox(createMemoryStore(), 'outbox');
    const first = outbox.add('one', now);
    const second = outbox.add('two', now);
    outbox.markFailed(first.clientId);
    expect(outbox.next()?.clientId).toBe(second.clientId);
    expect(outbox.remove(second.clientId)).toBe(true);
    expect(outbox.remove(second.clientId)).toBe(false);
    expect(outbox.next()).toBeUndefined();
    outbox.retry(first.clientId);
    expect(outbox.next()?.clientId).toBe(first.clientId);
  });

  it('starts empty from damaged storage rather than failing', () => {
    const store = createMemoryStore();
    store.set('outbox', '{not json');
    expect(new Outbox(store, 'outbox').entries()).toEqual([]);
    store.set('outbox', JSON.stringify([{ clientId: 'bad id!', text: 'x', createdAt: '', isFailed: false }]));
    expect(new Outbox(store, 'outbox').entries()).toEqual([]);
  });

  it('sees entries another tab added to the same storage', () => {
    const store = createMemoryStore();
    const tabA = new Outbox(store, 'outbox');
    const tabB = new Outbox(store, 'outbox');
    tabA.add('from A', now);
    tabB.add('from B', now);
    expect(new Outbox(store, 'outbox').entries().map((entry) => entry.text)).toEqual(['from A', 'from B']);
  });

  it('makes client ids the contract accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
