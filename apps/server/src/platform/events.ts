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
  const [id] = await recordEvents(executor, scope, [event]);
  return id!;
}

/** Records several events of one change, in one round trip, announced in the order given; their ids in that order. */
export async function recordEvents(executor: Executor, scope: EventScope, events: readonly NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  // The inserts and their announcements (delivered by PostgreSQL on commit).
  const { rows } = await sql<{ id: string }>`
    WITH event AS (${eventInsert(scope, events)})
    SELECT id::text AS id, ${eventAnnouncement(scope)} FROM event ORDER BY id`.execute(executor);
  if (rows.length !== events.length) throw new Error('the events were not recorded');
  return rows.map((row) => row.id);
}

/**
 * The events' INSERT … RETURNING id, name, subject_id, to write them in the
 * same statement as the change they describe (`WITH event AS
 * (${eventInsert(…)}) …`); select `eventAnnouncement` from that step, in id
 * order, to announce them, as recordEvents does. With `when`, only if that
 * condition holds.
 */
export function eventInsert(
  scope: EventScope,
  events: NewEvent | readonly NewEvent[],
  options: { when?: RawBuilder<unknown> } = {},
): RawBuilder<{ id: string }> {
  const rows = (Array.isArray(events) ? events : [events]) as readonly NewEvent[];
  const values = sql`VALUES ${sql.join(
    rows.map(
      (event) => sql`(${scope.workspaceId}::uuid, ${event.name}::text, ${scope.actor.type}::text, ${scope.actor.id}::uuid,
          ${event.subjectType}::text, ${event.subjectId}::text, ${JSON.stringify(event.data ?? {})}::jsonb,
          ${scope.requestId ?? null}::text)`,
    ),
  )}`;
  // `when`: written only if it holds (a condition on the statement's other steps).
  const source = options.when ? sql`SELECT * FROM (${values}) AS v WHERE ${options.when}` : values;
  return sql`
    INSERT INTO events (workspace_id, name, actor_type, actor_id, subject_type, subject_id, data, request_id)
    ${source}
    RETURNING id, name, subject_id`;
}

/** pg_notify of an inserted event, selected from the step that inserted it (its `id`, `name` and `subject_id` columns). */
export function eventAnnouncement(scope: EventScope): RawBuilder<unknown> {
  return sql`pg_notify(${eventsChannel}, json_build_object('workspaceId', ${scope.workspaceId}::text, 'id', id::text, 'name', name, 'subjectId', subject_id)::text)`;
}

/**
 * The announced events' keys as a list to match `(workspace_id, id)` against:
 * `WHERE (e.workspace_id, e.id) IN ${announcedEventKeys(batch)}`. Each is one
 * lookup in the events table's primary key; an id alone is not indexed, and
 * matching it would read the whole table.
 */
export function announcedEventKeys(batch: readonly PublishedEvent[]): RawBuilder<unknown> {
  return sql`(VALUES ${sql.join(batch.map((event) => sql`(${event.workspaceId}::uuid, ${event.id}::bigint)`))})`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notification as recordEvent announces it; anything else (a hand-made NOTIFY) is not an event. */
function readPublishedEvent(payload: string): PublishedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { workspaceId, id, name, subjectId } = value as Record<string, unknown>;
  if (typeof workspaceId !== 'string' || !uuidPattern.test(workspaceId)) return null;
  if (typeof id !== 'string' || !/^\d{1,18}$/.test(id) || typeof name !== 'string') return null;
  return { workspaceId, id, name, ...(typeof subjectId === 'string' ? { subjectId } : {}) };
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
    const event = readPublishedEvent(payload);
    if (!event) {
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
