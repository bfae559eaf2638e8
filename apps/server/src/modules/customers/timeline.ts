import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '@rapport/db';
import type { TimelineEntry } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { getCustomerRow } from './merge-customers.js';

/** A place in the timeline: entries are ordered by (occurredAt, kind, id), newest first. */
export interface TimelinePosition {
  at: Date;
  kind: string;
  id: string;
}

/**
 * How a module puts entries on customers' timelines. `list` returns the
 * provider's newest entries strictly before `before`, at most `limit`.
 * Later modules (messages, calls, orders, surveys, points, promises) register
 * their own; the timeline never needs to know them.
 */
export interface TimelineProvider {
  kind: string;
  list(
    db: Kysely<DB>,
    workspaceId: string,
    customerId: string,
    before: TimelinePosition | undefined,
    limit: number,
  ): Promise<TimelineEntry[]>;
}

const providers = new Map<string, TimelineProvider>();

export function registerTimelineProvider(provider: TimelineProvider): void {
  providers.set(provider.kind, provider);
}

/**
 * The SQL condition "(at, kind, id) comes before the position" for one
 * provider's rows, given its columns for time and id.
 */
export function beforePosition(
  kind: string,
  before: TimelinePosition | undefined,
  at: string,
  id: string | RawBuilder<string>,
): RawBuilder<boolean> {
  if (!before) return sql<boolean>`true`;
  if (kind < before.kind) return sql<boolean>`${sql.ref(at)} <= ${before.at}`;
  if (kind > before.kind) return sql<boolean>`${sql.ref(at)} < ${before.at}`;
  const idText = typeof id === 'string' ? sql`${sql.ref(id)}::text` : id;
  return sql<boolean>`(${sql.ref(at)}, ${idText}) < (${before.at}, ${before.id})`;
}

function encode(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.kind, position.id])).toString('base64url');
}

function decode(cursor: string | undefined): TimelinePosition | undefined {
  if (!cursor) return undefined;
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof kind !== 'string' || typeof id !== 'string') throw new Error('bad');
    return { at: date, kind, id };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not one this server returned.', {
      issues: [{ path: ['cursor'], code: 'invalid_cursor', message: 'unknown cursor', in: 'querystring' }],
    });
  }
}

function compare(a: TimelineEntry, b: TimelineEntry): number {
  return b.occurredAt.localeCompare(a.occurredAt) || b.kind.localeCompare(a.kind) || b.id.localeCompare(a.id);
}

/**
 * One customer's timeline, newest first, merged from every provider, paged by
 * cursor (a merged-away id gives the kept customer's). Throws not_found and
 * validation_failed (invalid_cursor).
 */
export async function getTimeline(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const customerId = (await getCustomerRow(db, context.workspaceId, givenId)).id;
  const before = decode(options.cursor);
  const lists = await Promise.all(
    [...providers.values()].map((p) => p.list(db, context.workspaceId, customerId, before, options.limit + 1)),
  );
  const merged = lists.flat().sort(compare);
  const items = merged.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      merged.length > options.limit && last ? encode({ at: new Date(last.occurredAt), kind: last.kind, id: last.id }) : null,
  };
}

// The customers module's own entries: notes, personal details, and profile changes from the audit log.
registerTimelineProvider({
  kind: 'note',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await db
      .selectFrom('customer_notes as n')
      .leftJoin('users as u', 'u.id', 'n.author_id')
      .select(['n.id', 'n.body', 'n.created_at', 'n.updated_at', 'u.name as author_name'])
      .where('n.workspace_id', '=', workspaceId)
      .where('n.customer_id', '=', customerId)
      .where(beforePosition('note', before, 'n.created_at', 'n.id'))
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'note',
      id: r.id,
      occurredAt: r.created_at.toISOString(),
      type: 'note',
      actorName: r.author_name,
      data: { body: r.body, edited: r.updated_at.getTime() !== r.created_at.getTime() },
    }));
  },
});

registerTimelineProvider({
  kind: 'fact',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await db
      .selectFrom('customer_facts as f')
      .leftJoin('users as u', 'u.id', 'f.created_by')
      .select(['f.id', 'f.text', 'f.date', 'f.recurs_yearly', 'f.created_at', 'u.name as author_name'])
      .where('f.workspace_id', '=', workspaceId)
      .where('f.customer_id', '=', customerId)
      .where(beforePosition('fact', before, 'f.created_at', 'f.id'))
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'fact',
      id: r.id,
      occurredAt: r.created_at.toISOString(),
      type: 'fact',
      actorName: r.author_name,
      data: { text: r.text, date: r.date, recursYearly: r.recurs_yearly },
    }));
  },
});

const eventId = sql<string>`lpad(e.id::text, 20, '0')`;

registerTimelineProvider({
  kind: 'profile',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await db
      .selectFrom('events as e')
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'e.actor_id').on('e.actor_type', '=', 'user'))
      .select(['e.name', 'e.data', 'e.created_at', 'u.name as actor_name'])
      // Event ids are numbers: padded, they sort as text the way they sort as numbers.
      .select(eventId.as('id'))
      .where('e.workspace_id', '=', workspaceId)
      .where('e.subject_type', '=', 'customer')
      // Including what happened to customers merged into this one.
      .where((eb) =>
        eb.or([
          eb('e.subject_id', '=', customerId),
          eb(
            'e.subject_id',
            'in',
            eb
              .selectFrom('customer_merges')
              .select(sql<string>`source_id::text`.as('id'))
              .where('workspace_id', '=', workspaceId)
              .where('target_id', '=', customerId),
          ),
        ]),
      )
      .where('e.name', 'like', 'customer.%')
      .where(beforePosition('profile', before, 'e.created_at', eventId))
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'profile',
      id: r.id,
      occurredAt: r.created_at.toISOString(),
      type: r.name,
      actorName: r.actor_name,
      data: r.data,
    }));
  },
});
