import type { CustomerIdentityRow, CustomerRow } from '@rapport/db';
import { isUniqueViolation } from '@rapport/db';
import type { IdentityInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/context.js';
import { normalizeIdentity, phoneCountry } from './identities.js';
import { countryTimeZone } from './time-zone.js';
import { buildNameKey, buildSearchText } from './search-text.js';
import * as repo from './customers.repo.js';

type PreparedIdentity = { kind: CustomerIdentityRow['kind']; value: string };

/** Normalises identities (E.164 phones, lower-case emails) and drops repeats; field errors at identities.N.value. */
export function normalizeIdentities(
  inputs: IdentityInput[],
  defaultCountry: string | null,
  pathOf: (index: number) => (string | number)[] = (index) => ['identities', index, 'value'],
): PreparedIdentity[] {
  const seen = new Set<string>();
  const result: PreparedIdentity[] = [];
  for (const [index, input] of inputs.entries()) {
    const value = normalizeIdentity(input.kind, input.value, { defaultCountry, path: pathOf(index) });
    const key = `${input.kind}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ kind: input.kind, value });
  }
  return result;
}

/**
 * Keeps the identities not yet on this customer; throws identity_taken (with
 * the owner's id) when one belongs to another customer.
 */
export async function withoutOwnIdentities(
  db: Executor,
  workspaceId: string,
  identities: PreparedIdentity[],
  customerId?: string,
): Promise<PreparedIdentity[]> {
  const result: PreparedIdentity[] = [];
  for (const identity of identities) {
    const owner = await repo.findIdentityOwner(db, workspaceId, identity.kind, identity.value);
    if (owner && owner.customer_id !== customerId) {
      throw new AppError('identity_taken', `${identity.kind} ${identity.value} belongs to another customer.`, {
        ...identity,
        customerId: owner.customer_id,
      });
    }
    if (!owner) result.push(identity);
  }
  return result;
}

/** Normalises identities and checks none belongs to another customer (identity_taken). */
export async function prepareIdentities(
  db: Executor,
  workspaceId: string,
  inputs: IdentityInput[],
  options: { defaultCountry: string | null; customerId?: string; pathOf?: (index: number) => (string | number)[] },
): Promise<PreparedIdentity[]> {
  return withoutOwnIdentities(
    db,
    workspaceId,
    normalizeIdentities(inputs, options.defaultCountry, options.pathOf),
    options.customerId,
  );
}

/** Inserts identities; a concurrent writer taking the same one becomes identity_taken. */
export async function addIdentityRows(db: Executor, rows: Omit<CustomerIdentityRow, 'created_at'>[]): Promise<void> {
  try {
    await repo.insertIdentities(db, rows);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('identity_taken', 'An identity belongs to another customer.');
    throw error;
  }
}

/**
 * The time zone to store: the explicit one; else the zone of the first phone's
 * country; else the country's, when it has a single zone.
 */
export function inferTimeZone(
  explicit: string | null | undefined,
  country: string | null,
  identities: { kind: string; value: string }[],
): { time_zone: string | null; time_zone_source: CustomerRow['time_zone_source'] } {
  if (explicit) return { time_zone: explicit, time_zone_source: 'explicit' };
  for (const identity of identities) {
    if (identity.kind !== 'phone' && identity.kind !== 'whatsapp') continue;
    const fromPhone = phoneCountry(identity.value);
    const zone = fromPhone ? countryTimeZone(fromPhone) : undefined;
    if (zone) return { time_zone: zone, time_zone_source: 'phone' };
  }
  const zone = country ? countryTimeZone(country) : undefined;
  return zone ? { time_zone: zone, time_zone_source: 'country' } : { time_zone: null, time_zone_source: null };
}

/** The columns derived for search and duplicate detection: search_text and name_key. */
export function searchFieldsOf(
  row: Pick<CustomerRow, 'given_name' | 'family_name' | 'middle_name' | 'company' | 'tags'>,
  identities: { kind: string; value: string }[],
): { search_text: string; name_key: string } {
  return {
    search_text: searchTextOf(row, identities),
    name_key: buildNameKey({ givenName: row.given_name, familyName: row.family_name, middleName: row.middle_name }),
  };
}

export function searchTextOf(
  row: Pick<CustomerRow, 'given_name' | 'family_name' | 'middle_name' | 'company' | 'tags'>,
  identities: { kind: string; value: string }[],
): string {
  return buildSearchText({
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    company: row.company,
    tags: row.tags,
    identities,
  });
}

/** Tags as a set: trimmed, without repeats, in the order given. */
export function cleanTags(tags: string[] | undefined): string[] | undefined {
  return tags ? [...new Set(tags.map((t) => t.trim()).filter(Boolean))] : undefined;
}
