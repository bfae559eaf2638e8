import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@rapport/db';
import { sharedTestDatabase, testEngine } from '../../test/database.js';
import { CacheHub, TaggedCache, invalidateCache } from './cache.js';
import { until } from '../../test/wait.js';

afterAll(async () => (await sharedTestDatabase()).drop());

describe('tagged cache', () => {
  it('drops entries by tag and expires them by age', async () => {
    const hub = new CacheHub();
    const cache = new TaggedCache<string>(hub, { ttlMs: 50, maxEntries: 10 });
    cache.set('a', 'A', ['user:1']);
    cache.set('b', 'B', ['user:2']);
    hub.invalidate(['user:1']);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('B');
    await new Promise((r) => setTimeout(r, 60));
    expect(cache.get('b')).toBeUndefined();
  });

  it('does not store a value loaded while an invalidation arrived', async () => {
    const hub = new CacheHub();
    const cache = new TaggedCache<string>(hub, { ttlMs: 60_000, maxEntries: 10 });
    const value = await cache.getOrLoad('k', async () => {
      hub.invalidate(['user:1']); // a write committed while we were reading
      return { value: 'stale', tags: ['user:1'] };
    });
    expect(value).toBe('stale');
    expect(cache.get('k')).toBeUndefined();
    await cache.getOrLoad('k', async () => ({ value: 'fresh', tags: ['user:1'] }));
    expect(cache.get('k')).toBe('fresh');
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TaggedCache<number>(new CacheHub(), { ttlMs: 60_000, maxEntries: 2 });
    cache.set('1', 1, []);
    cache.set('2', 2, []);
    cache.set('3', 3, []);
    expect([cache.get('1'), cache.get('2'), cache.get('3')]).toEqual([undefined, 2, 3]);
  });

  it('is invalidated in the writing process at once', async () => {
    const { database } = await sharedTestDatabase();
    const hub = new CacheHub();
    await hub.start(database);
    const cache = new TaggedCache<string>(hub, { ttlMs: 60_000, maxEntries: 10 });
    cache.set('x', 'cached', ['workspace:local-test']);
    await invalidateCache(database.db, 'workspace:local-test');
    expect(cache.get('x')).toBeUndefined();
    await hub.stop();
  });

  it.skipIf(testEngine !== 'postgres')('is invalidated in other processes when the write commits, not before', async () => {
    const { database } = await sharedTestDatabase();
    const other = await openDatabase({ url: (await sharedTestDatabase()).location.url, poolSize: 1 });
    const hub = new CacheHub();
    await hub.start(other, { local: false });
    const cache = new TaggedCache<string>(hub, { ttlMs: 60_000, maxEntries: 10 });
    cache.set('session', 'signed in', ['session:remote']);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await invalidateCache(trx, 'session:remote');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.get('session')).toBe('signed in');
    await invalidateCache(database.db, 'session:remote');
    await until(() => cache.get('session') === undefined);
    await hub.stop();
    await other.close();
  });
});
