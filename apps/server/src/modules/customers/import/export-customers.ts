import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { CustomerRow, DB } from '@rapport/db';
import { formatCustomerName, type CustomerExportQuery } from '@rapport/contracts';
import type { Executor, WorkspaceContext } from '../../../platform/context.js';
import { listIdentities } from '../customers.repo.js';
import {
  escapeLike,
  listCustomerRows,
  positionOf,
  type CustomerFilter,
  type ListOrder,
  type ListPosition,
} from '../customer-list.repo.js';
import { listOrder, resolveListFilters } from '../list-filters.js';
import { searchTerms } from '../search-text.js';
import { csvLines, utf8Bom } from './csv-output.js';

/** The export's columns, in English field names (the importer maps them back). */
export const exportColumns = [
  ...['id', 'givenName', 'familyName', 'middleName', 'displayName', 'title', 'formality', 'language'],
  ...['country', 'timeZone', 'company', 'tags', 'emails', 'phones', 'createdAt'],
];

const pageSize = 1000;

/** Without `sort`: oldest first, as customers were added. */
const defaultOrder = { sort: 'created', order: 'asc' } as const;

type ExportRow = CustomerRow;

/** One page of customers after `after`, filtered and sorted like the list (q: every word in the search text). */
async function exportPage(
  db: Executor,
  workspaceId: string,
  query: { filter: CustomerFilter; order: ListOrder; q: string | undefined },
  after?: ListPosition,
): Promise<ExportRow[]> {
  const terms = query.q ? searchTerms(query.q) : [];
  const rows = await listCustomerRows<ExportRow>(db, workspaceId, query.filter, query.order, pageSize, after, {
    columns: sql`c.*`,
    where: terms.map((term) => sql`c.search_text LIKE ${`%${escapeLike(term)}%`}`),
  });
  return rows.slice(0, pageSize);
}

function line(row: CustomerRow, identities: { kind: string; value: string }[]): (string | null)[] {
  const names = {
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    nameOrder: row.name_order,
    language: row.language,
    country: row.country,
  };
  return [
    ...[row.id, row.given_name, row.family_name, row.middle_name, formatCustomerName(names), row.title, row.formality],
    ...[row.language, row.country, row.time_zone, row.company, row.tags.join('; ')],
    identities
      .filter((i) => i.kind === 'email')
      .map((i) => i.value)
      .join('; '),
    identities
      .filter((i) => i.kind === 'phone')
      .map((i) => i.value)
      .join('; '),
    row.created_at.toISOString(),
  ];
}

/**
 * All or filtered customers as CSV (UTF-8 with a byte order mark for Excel,
 * a header row of English field names), streamed: a thousand customers are
 * read per query, by keyset in the chosen order, as the client takes them.
 * Throws validation_failed for bad filters (before the first byte is sent).
 */
export async function exportCustomers(db: Kysely<DB>, context: WorkspaceContext, query: CustomerExportQuery): Promise<Readable> {
  const filter = await resolveListFilters(db, context.workspaceId, query, { in: 'querystring', allowSortWithSearch: true });
  const order = listOrder(query, defaultOrder);
  async function* csv(): AsyncGenerator<string> {
    yield utf8Bom + csvLines([exportColumns]);
    let after: ListPosition | undefined;
    for (;;) {
      const rows = await exportPage(db, context.workspaceId, { filter, order, q: query.q }, after);
      if (rows.length === 0) return;
      const identities = await listIdentities(
        db,
        context.workspaceId,
        rows.map((r) => r.id),
      );
      const byCustomer = new Map<string, { kind: string; value: string }[]>();
      for (const identity of identities)
        byCustomer.set(identity.customer_id, [...(byCustomer.get(identity.customer_id) ?? []), identity]);
      yield csvLines(rows.map((row) => line(row, byCustomer.get(row.id) ?? [])));
      if (rows.length < pageSize) return;
      after = positionOf(rows.at(-1)!, order);
    }
  }
  return Readable.from(csv());
}
