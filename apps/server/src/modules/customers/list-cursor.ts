import { customerListSort, sortOrder } from '@rapport/contracts';
import { invalidCursor } from '../../platform/pagination.js';
import type { ListOrder, ListPosition } from './customer-list.repo.js';

/**
 * The customer list's opaque cursors. A sorted list's cursor holds the sort,
 * the direction and the last row's position (keyset); a search's holds how
 * many of the ranked results were shown. A cursor is only accepted by the
 * kind of list that made it.
 */

type Encoded = ['list', string, string, 'contacted' | 'never' | null, string, string] | ['search', number];

function encode(value: Encoded): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

export function encodeListCursor(order: ListOrder, position: ListPosition): string {
  return encode(['list', order.sort, order.order, position.segment ?? null, position.value, position.id]);
}

/** The position in a list in this order; throws validation_failed (`invalid_cursor`) for any other cursor. */
export function decodeListCursor(cursor: string | undefined, order: ListOrder): ListPosition | undefined {
  if (!cursor) return undefined;
  const value = decode(cursor);
  if (!Array.isArray(value) || value.length !== 6 || value[0] !== 'list') throw invalidCursor();
  const [, sort, direction, segment, position, id] = value as unknown[];
  const isSegment = segment === null || segment === 'contacted' || segment === 'never';
  if (
    !customerListSort.safeParse(sort).success ||
    !sortOrder.safeParse(direction).success ||
    sort !== order.sort ||
    direction !== order.order ||
    !isSegment ||
    (sort === 'last_contacted') !== (segment !== null) ||
    typeof position !== 'string' ||
    typeof id !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(id)
  )
    throw invalidCursor();
  if ((sort === 'created' || segment !== null) && Number.isNaN(Date.parse(position))) throw invalidCursor();
  return { segment: segment ?? undefined, value: position, id };
}

export function encodeSearchCursor(offset: number): string {
  return encode(['search', offset]);
}

/** How many search results were shown before; throws validation_failed (`invalid_cursor`) for any other cursor. */
export function decodeSearchCursor(cursor: string | undefined, maxOffset: number): number {
  if (!cursor) return 0;
  const value = decode(cursor);
  if (!Array.isArray(value) || value.length !== 2 || value[0] !== 'search') throw invalidCursor();
  const offset: unknown = value[1];
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 1 || offset > maxOffset) throw invalidCursor();
  return offset;
}
