import type { Kysely } from 'kysely';
import type { Database, DB } from '@rapport/db';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { EventBus } from './events.js';
import type { CacheHub } from './cache.js';

/** What use cases and routes need from the platform, built once at boot. */
export interface Services {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  logger: Logger;
  events: EventBus;
  /** Invalidation of the process's read caches, across processes. */
  cacheHub: CacheHub;
  lifecycle: { stopping: boolean };
}
