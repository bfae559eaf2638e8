import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB, Job } from '@rapport/db';
import type { Logger } from '../logger.js';

export interface JobContext {
  job: Job;
  db: Kysely<DB>;
  logger: Logger;
  /** Aborted when the worker is stopping; long jobs should stop early and let a retry resume. */
  signal: AbortSignal;
  /**
   * Runs `work` in the transaction that marks the job done. An effect made
   * here happens exactly once: if the process dies first, nothing commits and
   * the job runs again; if another worker took the job over, this throws.
   */
  complete<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
}

/**
 * A kind of job: its name (`module.verb_noun`), a schema for its payload and
 * the handler. Handlers are idempotent: they may run more than once.
 */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  maxAttempts?: number;
  handle(payload: z.infer<Schema>, context: JobContext): Promise<void>;
}

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}
