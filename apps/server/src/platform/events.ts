import { sql, type RawBuilder } from 'kysely';
import type { Database } from '@rapport/db';
import type { Logger } from './logger.js';
import type { Actor, Executor } from './context.js';

/** The NOTIFY channel that announces committed events to every app process. */
export const eventsChannel = 'rapport_events';

export interface NewEvent {
  /** `noun.past_verb`, e.g. `invite.created`. */
  name: string;
  subjectType: string;
  subjectId: string;
  /** A summary of what changed: `{ before, after }` of the changed fields, never secrets. */
  data?: Record<string, unknown>;
}

export interface EventScope {
  workspaceId: string;
  actor: Actor;
  requestId?: string | undefined;
}

/** What listeners receive once the event's transaction has committed. */
export interface PublishedEvent {
  workspaceId: string;
  id: string;
  name: string;
  /** The event's subject (a conversation's id for message events): lets listeners skip what they do not watch. */
  subjectId?: string;
}

/**
 * Records an event in the same transaction as the change it describes, and
 * announces it on commit (NOTIFY is transactional: a rolled-back change is
 * never announced).
 */
export async function recordEvent(executor: Executor, scope: EventScope, event: NewEvent): Promise<string> {
  // One round trip: the insert and its announcement (delivered by PostgreSQL on commit).
  const { rows } = await sql<{ id: string }>`
    WITH inserted AS (${eventInsert(scope, event)})
    SELECT id::text AS id, ${eventAnnouncement(scope, event)} FROM inserted`.execute(executor);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('the event was not recorded');
  return id;
}

/**
 * The event's INSERT … RETURNING id, to write it in the same statement as the
 * change it describes (`WITH event AS (${eventInsert(…)}) …`); select
 * `eventAnnouncement` from that step to announce it, as recordEvent does.
 */
export function eventInsert(scope: EventScope, event: NewEvent): RawBuilder<{ id: string }> {
  return sql`
    INSERT INTO events (workspace_id, name, actor_type, actor_id, subject_type, subject_id, data, request_id)
    VALUES (${scope.workspaceId}, ${event.name}, ${scope.actor.type}, ${scope.actor.id}, ${event.subjectType},
            ${event.subjectId}, ${JSON.stringify(event.data ?? {})}::jsonb, ${scope.requestId ?? null})
    RETURNING id`;
}

/** pg_notify of an inserted event, selected from the step that inserted it (its `id` column). */
export function eventAnnouncement(scope: EventScope, event: NewEvent): RawBuilder<unknown> {
  return sql`pg_notify(${eventsChannel}, json_build_object('workspaceId', ${scope.workspaceId}::text, 'id', id::text, 'name', ${event.name}::text, 'subjectId', ${event.subjectId}::text)::text)`;
}

export type EventListener = (event: PublishedEvent) => void | Promise<void>;

/**
 * Delivers committed events to in-process listeners, whichever app process
 * wrote them (PostgreSQL LISTEN/NOTIFY; on PGlite the one process is all).
 * Listeners register by event name, or '*' for all.
 */
export class EventBus {
  readonly #listeners = new Map<string, Set<EventListener>>();
  #unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly logger: Logger) {}

  async start(database: Database): Promise<void> {
    this.#unlisten = await database.listen(eventsChannel, (payload) => this.#dispatch(payload));
  }

  on(name: string, listener: EventListener): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  #dispatch(payload: string): void {
    let event: PublishedEvent;
    try {
      event = JSON.parse(payload) as PublishedEvent;
    } catch {
      this.logger.warn({ payload }, 'ignored a malformed event notification');
      return;
    }
    for (const listener of [...(this.#listeners.get(event.name) ?? []), ...(this.#listeners.get('*') ?? [])]) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => this.logger.error({ err: error, event }, 'event listener failed'));
    }
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#listeners.clear();
  }
}

/** The fields that differ, as { before, after }: the summary events carry. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const result = { before: {} as Partial<T>, after: {} as Partial<T> };
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      result.before[key] = before[key];
      result.after[key] = after[key];
    }
  }
  return result;
}
