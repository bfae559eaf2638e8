import { sql, type RawBuilder } from 'kysely';
import { AppError } from './errors.js';

/** A position in a list ordered by (created_at, id), opaque to clients. */
export interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** Throws validation_failed for a cursor this server did not make. */
export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw invalidCursor();
  }
}

/** The validation_failed error (issue `invalid_cursor`) for a cursor this server did not make for this list. */
export function invalidCursor(): AppError {
  return new AppError('validation_failed', 'The cursor is not one this server returned.', {
    issues: [{ path: ['cursor'], code: 'invalid_cursor', message: 'unknown cursor', in: 'querystring' }],
  });
}

/** Splits the extra row fetched to learn whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => Position,
  present: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(present), nextCursor: hasMore && last ? encodeCursor(position(last)) : null };
}

/**
 * The keyset condition "comes after this position" for a list ordered by
 * (created_at, id), ascending or descending: a row comparison PostgreSQL can
 * answer from a (workspace_id, created_at, id) index.
 */
export function isAfter(
  position: Position,
  order: 'asc' | 'desc',
  columns: [string, string] = ['created_at', 'id'],
): RawBuilder<boolean> {
  const operator = order === 'asc' ? sql`>` : sql`<`;
  return sql<boolean>`(${sql.ref(columns[0])}, ${sql.ref(columns[1])}) ${operator} (${position.createdAt}, ${position.id})`;
}
