import { sql } from 'kysely';
import type { Database } from '@rapport/db';
import type { Executor } from './context.js';

/** The NOTIFY channel that tells every app process which cached facts went stale. */
export const cacheChannel = 'rapport_cache';

/** The hubs running in this process, invalidated directly by local writers. */
const localHubs = new Set<CacheHub>();

/**
 * Marks cached facts stale (e.g. `user:<id>`, `session:<id>`), in the
 * writer's transaction. This process drops them at once, so its next request
 * after the commit reads fresh data; every process (this one again) drops
 * them when the transaction commits, through NOTIFY.
 */
export async function invalidateCache(executor: Executor, ...tags: string[]): Promise<void> {
  await sql`SELECT pg_notify(${cacheChannel}, ${tags.join(' ')})`.execute(executor);
  for (const hub of localHubs) hub.invalidate(tags);
}

interface Entry<V> {
  value: V;
  tags: string[];
  expiresAt: number;
}

/**
 * A small in-process read cache for hot lookups (sessions, tokens, the Me
 * payload), invalidated by tag across processes through NOTIFY, with a TTL as
 * a safety net. A value loaded while an invalidation arrived is not stored,
 * so a slow read can never put back what a write just made stale.
 */
export class TaggedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #byTag = new Map<string, Set<string>>();

  constructor(
    private readonly hub: CacheHub,
    private readonly options: { ttlMs: number; maxEntries: number },
  ) {
    hub.register(this);
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Returns the cached value or loads it; caches it unless something was invalidated meanwhile. */
  async getOrLoad(key: string, load: () => Promise<{ value: V; tags: string[] } | undefined>): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const generation = this.hub.generation;
    const loaded = await load();
    if (loaded && generation === this.hub.generation) this.set(key, loaded.value, loaded.tags);
    return loaded?.value;
  }

  set(key: string, value: V, tags: string[]): void {
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#delete(oldest);
    }
    this.#delete(key);
    this.#entries.set(key, { value, tags, expiresAt: Date.now() + this.options.ttlMs });
    for (const tag of tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  invalidateTag(tag: string): void {
    for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#delete(key);
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#byTag.clear();
  }
}

/** Receives invalidations for all caches of the process. */
export class CacheHub {
  readonly #caches = new Set<TaggedCache<unknown>>();
  /** Bumped on every invalidation; loads that straddle one are not cached. */
  generation = 0;
  #unlisten: (() => Promise<void>) | undefined;

  register<V>(cache: TaggedCache<V>): void {
    this.#caches.add(cache);
  }

  /** `local: false` makes the hub behave as if in another process (tests). */
  async start(database: Database, options: { local?: boolean } = {}): Promise<void> {
    if (options.local !== false) localHubs.add(this);
    this.#unlisten = await database.listen(cacheChannel, (payload) => this.invalidate(payload.split(' ').filter(Boolean)));
  }

  invalidate(tags: string[]): void {
    this.generation++;
    for (const cache of this.#caches) for (const tag of tags) cache.invalidateTag(tag);
  }

  async stop(): Promise<void> {
    localHubs.delete(this);
    await this.#unlisten?.();
    for (const cache of this.#caches) cache.clear();
  }
}
