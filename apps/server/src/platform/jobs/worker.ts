import { hostname } from 'node:os';
import { sql, type Transaction } from 'kysely';
import type { Database, DB, Job } from '@rapport/db';
import type { Logger } from '../logger.js';
import type { JobDefinition } from './job-definition.js';
import { backoffSeconds, jobsChannel } from './queue.js';

export interface JobWorkerOptions {
  concurrency: number;
  pollMs: number;
  leaseSeconds: number;
  /** Delay before retry n (default: exponential backoff with jitter). */
  retryDelaySeconds?: (attempt: number) => number;
}

class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} was taken over by another worker`);
  }
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED and runs them. A claim is a
 * lease, renewed while the handler runs; a job whose process died is claimed
 * again once its lease expires. Failures retry with exponential backoff until
 * max_attempts, then the job is marked failed with its last error.
 */
export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${Date.now().toString(36)}`;
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #polling = false;
  #lastPoll: Promise<void> = Promise.resolve();
  #pollAgain = false;
  #stopped = true;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: JobWorkerOptions,
  ) {}

  register(definition: JobDefinition): void {
    if (this.#definitions.has(definition.name)) throw new Error(`job ${definition.name} is registered twice`);
    this.#definitions.set(definition.name, definition);
  }

  async start(): Promise<void> {
    this.#stopped = false;
    if (this.database.engine === 'pglite') {
      // One process owns an embedded database: whatever was running died with the last process.
      await this.database.db
        .updateTable('jobs')
        .set({ status: 'queued', locked_by: null, locked_until: null })
        .where('status', '=', 'running')
        .execute();
    }
    this.#unlisten = await this.database.listen(jobsChannel, () => this.poke());
    this.#heartbeat = setInterval(() => void this.#renewLeases(), Math.max(1000, (this.options.leaseSeconds * 1000) / 3));
    this.#schedule(0);
  }

  /** Looks for work now (called on NOTIFY). */
  poke(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(), delay);
  }

  async #poll(): Promise<void> {
    if (this.#stopped) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    let polled = () => {};
    this.#lastPoll = new Promise((resolve) => (polled = resolve));
    try {
      const free = this.options.concurrency - this.#running.size;
      const jobs = free > 0 ? await this.#claim(free) : [];
      for (const job of jobs) {
        const run = this.#run(job)
          // Recording the outcome failed (the database went away): the lease runs out and another worker retries.
          .catch((error: unknown) => this.logger.error({ err: error, jobId: job.id }, 'could not record a job’s outcome'))
          .finally(() => {
            this.#running.delete(job.id);
            this.poke();
          });
        this.#running.set(job.id, run);
      }
      if (jobs.length === free && free > 0) this.#pollAgain = true;
    } catch (error) {
      if (!this.#stopped) this.logger.error({ err: error }, 'claiming jobs failed');
    } finally {
      this.#polling = false;
      if (!this.#stopped) this.#schedule(this.#pollAgain ? 0 : this.options.pollMs);
      this.#pollAgain = false;
      polled();
    }
  }

  async #claim(limit: number): Promise<Job[]> {
    const names = [...this.#definitions.keys()];
    if (names.length === 0) return [];
    const lease = `${this.options.leaseSeconds} seconds`;
    const { rows } = await sql<Job>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${this.id},
             locked_until = now() + ${lease}::interval
       WHERE id IN (
         SELECT id FROM jobs
          WHERE name = ANY(${names}::text[])
            AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
          ORDER BY run_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(this.database.db);
    return rows;
  }

  async #run(job: Job): Promise<void> {
    const log = this.logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    const definition = this.#definitions.get(job.name);
    if (!definition) return;
    if (job.attempts > job.max_attempts) {
      await this.#finish(job, 'failed', job.last_error ?? 'gave up: the job never finished (the process died while running it)');
      log.error('job failed for good: it kept dying mid-run');
      return;
    }
    const parsed = definition.payload.safeParse(job.payload);
    if (!parsed.success) {
      await this.#finish(job, 'failed', `invalid payload: ${parsed.error.message}`);
      log.error({ issues: parsed.error.issues }, 'job payload is invalid; not retried');
      return;
    }
    let completed = false;
    const started = performance.now();
    try {
      await definition.handle(parsed.data, {
        job,
        db: this.database.db,
        logger: log,
        signal: this.#abort.signal,
        complete: async (work) =>
          this.database.db.transaction().execute(async (trx) => {
            const result = await work(trx);
            await this.#markDone(trx, job);
            completed = true;
            return result;
          }),
      });
      if (!completed) await this.database.db.transaction().execute((trx) => this.#markDone(trx, job));
      log.debug({ ms: Math.round(performance.now() - started) }, 'job done');
    } catch (error) {
      if (error instanceof LeaseLostError) {
        log.warn('job lease lost; another worker owns it now');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const attempts = job.attempts;
      const givingUp = attempts >= job.max_attempts;
      await sql`
        UPDATE jobs SET status = ${givingUp ? 'failed' : 'queued'}, last_error = ${message.slice(0, 2000)},
               run_at = now() + ${`${(this.options.retryDelaySeconds ?? backoffSeconds)(attempts)} seconds`}::interval,
               locked_by = NULL, locked_until = NULL, finished_at = ${givingUp ? new Date() : null}
         WHERE id = ${job.id} AND locked_by = ${this.id}`.execute(this.database.db);
      log[givingUp ? 'error' : 'warn']({ err: error }, givingUp ? 'job failed for good' : 'job failed; will retry');
    }
  }

  async #markDone(trx: Transaction<DB>, job: Job): Promise<void> {
    const done = await trx
      .updateTable('jobs')
      .set({ status: 'done', finished_at: new Date(), locked_by: null, locked_until: null, last_error: null })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new LeaseLostError(job.id);
  }

  async #finish(job: Job, status: 'failed', error: string): Promise<void> {
    await this.database.db
      .updateTable('jobs')
      .set({ status, last_error: error, finished_at: new Date(), locked_by: null, locked_until: null })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .execute();
  }

  async #renewLeases(): Promise<void> {
    if (this.#running.size === 0) return;
    try {
      await this.database.db
        .updateTable('jobs')
        .set({ locked_until: sql`now() + ${`${this.options.leaseSeconds} seconds`}::interval` })
        .where('id', 'in', [...this.#running.keys()])
        .where('locked_by', '=', this.id)
        .execute();
    } catch (error) {
      this.logger.warn({ err: error }, 'renewing job leases failed');
    }
  }

  /** Stops claiming, waits for running jobs to finish (or the timeout to pass), then returns. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#unlisten?.();
    // A poll may be claiming jobs right now: they start once it returns, and stopping waits for them too.
    await this.#lastPoll;
    const running = Promise.allSettled(this.#running.values());
    const timer = setTimeout(() => this.#abort.abort(), timeoutMs);
    await running;
    clearTimeout(timer);
    clearInterval(this.#heartbeat);
  }

  get runningCount(): number {
    return this.#running.size;
  }
}
