import type { ApiToken, Role, User, Workspace } from '@rapport/db';
import type { SessionWithRole } from './auth.repo.js';
import { TaggedCache, type CacheHub } from '../../platform/cache.js';

export interface CachedMe {
  user: User;
  workspace: Workspace | undefined;
  workspaces: { id: string; name: string; role: Role }[];
}

export interface AuthCaches {
  /** Sessions by token hash; tags session:<id>, user:<id>. */
  sessions: TaggedCache<SessionWithRole>;
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
