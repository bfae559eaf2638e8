import { Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import { DatabaseError } from './database-error.js';

interface QueryResultMessage {
  type: 'result';
  id: number;
  rows?: Record<string, unknown>[];
  rowCount?: number | null;
  command?: string;
  error?: Record<string, unknown> & { message: string };
}

type WorkerMessage =
  | QueryResultMessage
  | { type: 'ready' }
  | { type: 'closed'; error?: { message: string } }
  | { type: 'fatal'; error: { message: string } }
  | { type: 'notification'; channel: string; payload: string };

export interface PoolQueryResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
  command: string;
}

export interface PoolClientLike {
  query(sql: string, params?: readonly unknown[]): Promise<PoolQueryResult>;
  release(): void;
}

const acquireTimeoutMs = 60_000;

/**
 * A `pg.Pool`-shaped front for one PGlite database running on a worker thread.
 * PGlite has a single session, so a client is exclusive: whoever holds it (a
 * transaction, say) has the session until release(); everyone else queues.
 * Emits 'notification' ({ channel, payload }) for LISTENed channels.
 */
export class PGliteWorkerPool extends EventEmitter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: QueryResultMessage) => void }>();
  readonly #waiters: (() => void)[] = [];
  #nextId = 1;
  #held = false;
  #closed = false;
  #closedPromise: Promise<void> | undefined;
  readonly ready: Promise<void>;

  constructor(dataDir: string) {
    super();
    this.#worker = new Worker(new URL('../worker/pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir },
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (msg: WorkerMessage): void => {
        if (msg.type === 'ready') resolve();
        else if (msg.type === 'fatal') reject(new Error(`PGlite failed to open ${dataDir}: ${msg.error.message}`));
      };
      this.#worker.on('message', onMessage);
      this.#worker.once('error', reject);
    });
    this.#worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'result') {
        const entry = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        entry?.resolve(msg);
      } else if (msg.type === 'notification') {
        this.emit('notification', { channel: msg.channel, payload: msg.payload });
      }
    });
    this.#worker.on('error', (error) => {
      for (const entry of this.#pending.values()) {
        entry.resolve({ type: 'result', id: 0, error: { message: `PGlite worker crashed: ${error.message}` } });
      }
      this.#pending.clear();
    });
  }

  /** Runs one statement on the worker, outside any lock: callers hold the session. */
  #run(sql: string, params: readonly unknown[] = []): Promise<PoolQueryResult> {
    if (this.#closed) return Promise.reject(new Error('database is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (msg) => {
          if (msg.error) reject(new DatabaseError(msg.error));
          else resolve({ rows: msg.rows ?? [], rowCount: msg.rowCount ?? null, command: msg.command ?? '' });
        },
      });
      this.#worker.postMessage({ type: 'query', id, sql, params });
    });
  }

  async connect(): Promise<PoolClientLike> {
    await this.ready;
    if (this.#held) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = this.#waiters.indexOf(grant);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(new Error(`timed out after ${acquireTimeoutMs} ms waiting for the embedded database`));
        }, acquireTimeoutMs);
        const grant = (): void => {
          clearTimeout(timer);
          resolve();
        };
        this.#waiters.push(grant);
      });
    }
    if (this.#closed) throw new Error('database is closed');
    this.#held = true;
    let released = false;
    return {
      query: (sql, params) => this.#run(sql, params),
      release: () => {
        if (released) return;
        released = true;
        const next = this.#waiters.shift();
        if (next) next();
        else this.#held = false;
      },
    };
  }

  /** One statement with the session taken and given back around it. */
  async query(sql: string, params: readonly unknown[] = []): Promise<PoolQueryResult> {
    const client = await this.connect();
    try {
      return await client.query(sql, params);
    } finally {
      client.release();
    }
  }

  /** Waits for the current holder, then closes PGlite cleanly (checkpoint, files flushed). */
  end(): Promise<void> {
    this.#closedPromise ??= (async () => {
      await this.ready.catch(() => undefined);
      const client = await this.connect().catch(() => undefined);
      this.#closed = true;
      await new Promise<void>((resolve) => {
        const onMessage = (msg: WorkerMessage): void => {
          if (msg.type === 'closed') {
            this.#worker.off('message', onMessage);
            resolve();
          }
        };
        this.#worker.on('message', onMessage);
        this.#worker.postMessage({ type: 'close' });
      });
      await this.#worker.terminate();
      client?.release();
    })();
    return this.#closedPromise;
  }
}
