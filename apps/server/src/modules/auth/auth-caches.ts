import type { ApiToken, Role } from '@rapport/db';
import { TaggedCache, type CacheHub } from '../../platform/cache.js';

export interface CachedSession {
  id: string;
  user_id: string;
  workspace_id: string | null;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  role: Role | null;
}

export interface CachedMe {
  user: import('@rapport/db').User;
  workspace: import('@rapport/db').Workspace | undefined;
  workspaces: { id: string; name: string; role: Role }[];
}

export interface AuthCaches {
  /** Sessions by token hash; tags session:<id>, user:<id>. */
  sessions: TaggedCache<CachedSession>;
  /** API tokens by token hash; tag token:<id>. */
  apiTokens: TaggedCache<ApiToken>;
  /** What GET /me shows, by user and workspace; tags user:<id>, workspace:<id> of each membership. */
  me: TaggedCache<CachedMe>;
}

const byHub = new WeakMap<CacheHub, AuthCaches>();

// Writes invalidate at once (NOTIFY); the TTL only bounds staleness if a notification is ever lost.
const ttlMs = 60_000;

/** The sign-in caches of a process (one set per cache hub). */
export function authCaches(hub: CacheHub): AuthCaches {
  let caches = byHub.get(hub);
  if (!caches) {
    caches = {
      sessions: new TaggedCache(hub, { ttlMs, maxEntries: 50_000 }),
      apiTokens: new TaggedCache(hub, { ttlMs, maxEntries: 10_000 }),
      me: new TaggedCache(hub, { ttlMs, maxEntries: 50_000 }),
    };
    byHub.set(hub, caches);
  }
  return caches;
}
