import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { CustomerRow, DB } from '@rapport/db';
import { formatCustomerName, type CustomerExportQuery } from '@rapport/contracts';
import type { Executor, WorkspaceContext } from '../../../platform/context.js';
import { isAfter, type Position } from '../../../platform/pagination.js';
import { escapeLike, languageFilter, listIdentities } from '../customers.repo.js';
import { searchTerms } from '../search-text.js';
import { csvLines, utf8Bom } from './csv-output.js';

/** The export's columns, in English field names (the importer maps them back). */
export const exportColumns = [
  ...['id', 'givenName', 'familyName', 'middleName', 'displayName', 'title', 'formality', 'language'],
  ...['country', 'timeZone', 'company', 'tags', 'emails', 'phones', 'createdAt'],
];

const pageSize = 1000;

/** One page of customers, oldest first after `after`, filtered like the list (q: every word in the search text). */
async function exportPage(
  db: Executor,
  workspaceId: string,
  query: CustomerExportQuery,
  after?: Position,
): Promise<CustomerRow[]> {
  let select = db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(pageSize);
  if (query.tag) select = select.where(sql<boolean>`tags @> ARRAY[${query.tag}]::text[] AND tags <> '{}'`);
  if (query.country) select = select.where('country', '=', query.country);
  if (query.language) select = select.where(languageFilter(query.language));
  for (const term of query.q ? searchTerms(query.q) : []) {
    select = select.where('search_text', 'like', `%${escapeLike(term)}%`);
  }
  if (after) select = select.where(isAfter(after, 'asc'));
  return select.execute();
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
 * read per query, by keyset on (created_at, id), as the client takes them.
 */
export function exportCustomers(db: Kysely<DB>, context: WorkspaceContext, query: CustomerExportQuery): Readable {
  async function* csv(): AsyncGenerator<string> {
    yield utf8Bom + csvLines([exportColumns]);
    let after: Position | undefined;
    for (;;) {
      const rows = await exportPage(db, context.workspaceId, query, after);
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
      const last = rows.at(-1)!;
      after = { createdAt: last.created_at, id: last.id };
    }
  }
  return Readable.from(csv());
}
