import { sql } from 'kysely';
import type { Executor } from '../context.js';

/** Announced on commit of an enqueue, so idle workers wake at once instead of at the next poll. */
export const jobsChannel = 'rapport_jobs';

export interface EnqueueOptions {
  name: string;
  payload: unknown;
  workspaceId?: string | null;
  /** When to run (default: now). */
  runAt?: Date;
  /** A second enqueue with the same key is ignored: exactly one job per key. */
  idempotencyKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job. Pass the caller's transaction so the job exists if and only if
 * the change that causes it commits (the outbox). Returns the job id, or null
 * when a job with the same idempotency key already exists.
 */
export async function enqueueJob(executor: Executor, options: EnqueueOptions): Promise<string | null> {
  const row = await executor
    .insertInto('jobs')
    .values({
      name: options.name,
      payload: JSON.stringify(options.payload ?? {}),
      workspace_id: options.workspaceId ?? null,
      run_at: options.runAt ?? new Date(),
      idempotency_key: options.idempotencyKey ?? null,
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await sql`SELECT pg_notify(${jobsChannel}, ${options.name})`.execute(executor);
  return row?.id ?? null;
}

/** Retry delay after the given attempt: 2^n seconds with ±20 % jitter, at most one hour. */
export function backoffSeconds(attempt: number, random = Math.random): number {
  const base = Math.min(2 ** attempt, 3600);
  return Math.round(base * (0.8 + random() * 0.4));
}
