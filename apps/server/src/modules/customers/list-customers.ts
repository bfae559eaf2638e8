import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Customer, CustomerListQuery, CustomerSummary } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { AsYouType, type CountryCode } from 'libphonenumber-js';
import { parsePhone } from './identities.js';
import { foldForSearch, searchTerms } from './search-text.js';
import { presentCustomer, presentCustomerSummary } from './customers.presenters.js';
import * as repo from './customers.repo.js';
import { listCustomerRows, positionOf } from './customer-list.repo.js';
import { decodeListCursor, decodeSearchCursor, encodeListCursor, encodeSearchCursor } from './list-cursor.js';
import { listOrder, resolveListFilters } from './list-filters.js';
import { getCustomerRow } from './merge-customers.js';

/** A customer; the id of a customer merged into another gives that other one. Throws not_found. */
export async function getCustomer(db: Kysely<DB>, context: WorkspaceContext, customerId: string): Promise<Customer> {
  const row = await getCustomerRow(db, context.workspaceId, customerId);
  return presentCustomer(row, await repo.listIdentities(db, context.workspaceId, [row.id]));
}

/** The customer an identity belongs to (how channels attach a message to a person). */
export async function findCustomerByIdentity(
  db: Kysely<DB>,
  context: WorkspaceContext,
  kind: string,
  value: string,
): Promise<Customer> {
  const workspace = await findWorkspace(db, context.workspaceId);
  const candidates = identityCandidates(value, [workspace?.country ?? null]).filter(
    (c) => c.kind === kind || (kind === 'whatsapp' && c.kind === 'phone'),
  );
  for (const candidate of candidates) {
    const owner = await repo.findIdentityOwner(db, context.workspaceId, kind, candidate.value);
    if (owner) return getCustomer(db, context, owner.customer_id);
  }
  throw new AppError('not_found', 'No customer has this identity.');
}

/**
 * Exact identities a query could be: an email; a phone number in any format
 * (a national one read in each of the given countries); a channel id.
 */
function identityCandidates(query: string, countries: (string | null)[]): { kind: string; value: string }[] {
  const trimmed = query.trim();
  const candidates: { kind: string; value: string }[] = [];
  if (trimmed.includes('@')) candidates.push({ kind: 'email', value: trimmed.toLowerCase() });
  if (/^[+(]?\d[\d\s()./-]{4,}$/.test(trimmed)) {
    const numbers = new Set<string>();
    for (const country of countries) {
      const phone = parsePhone(trimmed, country);
      if (phone) numbers.add(phone.number);
    }
    // An international number libphonenumber does not know as valid may still be stored as typed.
    if (trimmed.startsWith('+')) numbers.add(`+${trimmed.replace(/\D/g, '')}`);
    for (const number of numbers) candidates.push({ kind: 'phone', value: number }, { kind: 'whatsapp', value: number });
  }
  // A single word may be a chat, Telegram or social handle ("@mehmet_y").
  if (!/\s/.test(trimmed)) for (const kind of ['chat', 'telegram', 'social']) candidates.push({ kind, value: trimmed });
  return candidates;
}

/**
 * What a query that is part of an identity (three characters at least) may
 * be: an email's or a channel id's start ("kovacs.a"), an email domain
 * ("@example.hu", "example.hu"), a phone number's start in international
 * form ("+36 20 12"; "06 20 12" and "0532 12" read in each country).
 */
function identityParts(query: string, countries: (string | null)[]): { starts: string[]; domains: string[] } {
  const none = { starts: [], domains: [] };
  const trimmed = query.trim();
  if (/^[+(]?\d[\d\s()./-]*$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length < 3) return none;
    const starts = new Set([`+${digits.replace(/^00/, '')}`]);
    for (const country of countries) {
      const typed = new AsYouType((country ?? undefined) as CountryCode | undefined);
      typed.input(trimmed);
      const start = typed.getNumberValue();
      if (start) starts.add(start);
    }
    return { starts: [...starts], domains: [] };
  }
  // Identities have no spaces: a query with one is words, not part of an identity.
  if (trimmed.length < 3 || /\s/.test(trimmed)) return none;
  const lower = trimmed.toLowerCase();
  const domain = /^@?([^@]+\.[^@]*)$/.exec(lower)?.[1];
  return { starts: [...new Set([lower, trimmed])], domains: domain ? [domain] : [] };
}

/** How far search results can be paged: the best this many matches (refine the search for others). */
export const maxSearchResults = 1000;

/** Without `sort`: newest first. */
const defaultOrder = { sort: 'created', order: 'desc' } as const;

/**
 * The customer list: filtered, sorted (newest first by default; by name or
 * last contact, either way), paged by a keyset cursor; or, with `q`, search
 * results ranked exact identity first, then names/company/tags containing
 * every word (any order, accents and case ignored), then near misses (typos),
 * paged by their rank up to the best `maxSearchResults`. Throws
 * validation_failed for bad filters (see resolveListFilters) or a cursor of
 * another list (`invalid_cursor`).
 */
export async function listCustomers(
  db: Kysely<DB>,
  context: WorkspaceContext,
  query: CustomerListQuery,
): Promise<{ items: CustomerSummary[]; nextCursor: string | null }> {
  const filter = await resolveListFilters(db, context.workspaceId, query, { in: 'querystring' });
  if (query.q && foldForSearch(query.q)) {
    const offset = decodeSearchCursor(query.cursor, maxSearchResults - 1);
    const end = Math.min(offset + query.limit, maxSearchResults);
    // A national phone number ("06 30 123 4567", "0532 123 45 67") is read in the workspace's country and in
    // each country its customers live in; only digits need them.
    const countries = /\d/.test(query.q) ? await repo.phoneCountries(db, context.workspaceId) : [];
    // Each step lists its matches in a fixed order, so the first `end` results of a longer search are those of
    // a shorter one: a later page searches for the results up to its end (and one more) and shows its part.
    const rows = await repo.searchCustomerRows(db, context.workspaceId, {
      folded: foldForSearch(query.q),
      terms: searchTerms(query.q),
      nameKey: [...searchTerms(query.q)].sort().join(' '),
      identities: identityCandidates(query.q, countries),
      identityParts: identityParts(query.q, countries),
      filter,
      limit: end + 1,
    });
    const hasMore = rows.length > end && end < maxSearchResults;
    return {
      items: rows.slice(offset, end).map((r) => presentCustomerSummary(r)),
      nextCursor: hasMore ? encodeSearchCursor(end) : null,
    };
  }
  const order = listOrder(query, defaultOrder);
  const rows = await listCustomerRows(db, context.workspaceId, filter, order, query.limit, decodeListCursor(query.cursor, order));
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => presentCustomerSummary(r)),
    nextCursor: hasMore && last ? encodeListCursor(order, positionOf(last, order)) : null,
  };
}
