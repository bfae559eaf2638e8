import type { Kysely } from 'kysely';
import type { Database, DB } from '@rapport/db';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { EventBus } from './events.js';

/** What use cases and routes need from the platform, built once at boot. */
export interface Services {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  logger: Logger;
  events: EventBus;
  lifecycle: { stopping: boolean };
}
