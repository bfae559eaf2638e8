import type { ImportExisting } from '@rapport/contracts';
import type { CustomerRow } from '@rapport/db';
import { inferTimeZone, searchFieldsOf } from '../customer-profile.js';
import { parsePhone } from '../identities.js';
import { nextImportId } from './import-ids.js';
import type { ImportedCustomerRow } from './import-batch.repo.js';
import type { ImportedCustomer } from './normalize-row.js';

type Zone = ReturnType<typeof inferTimeZone>;
const zones = new Map<string, Zone>();

/**
 * inferTimeZone, remembered: its answer depends only on the country and the
 * countries of the phones in order, and working it out costs CLDR lookups
 * (about half a millisecond) that a million rows cannot each pay.
 */
function inferZone(country: string | null, phones: { value: string; country: string | null }[]): Zone {
  let key = country ?? '';
  for (const phone of phones) key += `|${phone.country ?? '?'}`;
  let zone = zones.get(key);
  if (!zone) {
    zone = inferTimeZone(
      null,
      country,
      phones.map((p) => ({ kind: 'phone', value: p.value })),
    );
    if (zones.size < 10_000) zones.set(key, zone);
  }
  return zone;
}

function consentOf(changes: ImportedCustomer, now: Date) {
  return changes.consent === null
    ? { marketing_consent: null, marketing_consent_at: null, marketing_consent_source: null }
    : { marketing_consent: changes.consent, marketing_consent_at: now, marketing_consent_source: 'import' };
}

/** The identities of an imported customer, emails first, as search text and time zones read them. */
export function identitiesOf(customer: ImportedCustomer): { kind: 'email' | 'phone'; value: string; column: string }[] {
  const identities: { kind: 'email' | 'phone'; value: string; column: string }[] = [];
  for (const e of customer.emails) identities.push({ kind: 'email', value: e.value, column: e.column });
  for (const p of customer.phones) identities.push({ kind: 'phone', value: p.value, column: p.column });
  return identities;
}

/** A new customer's row: the import's values, the time zone inferred unless given, search fields. */
export function newCustomerRow(c: ImportedCustomer, now: Date): ImportedCustomerRow {
  const base = {
    given_name: c.givenName,
    family_name: c.familyName,
    middle_name: c.middleName,
    company: c.company,
    tags: c.tags,
  };
  return {
    id: nextImportId(now.getTime()),
    ...base,
    title: c.title,
    formality: c.formality ?? 'unknown',
    language: c.language,
    country: c.country,
    ...(c.timeZone ? { time_zone: c.timeZone, time_zone_source: 'explicit' as const } : inferZone(c.country, c.phones)),
    attributes: c.attributes,
    ...consentOf(c, now),
    ...searchFieldsOf(base, identitiesOf(c)),
  };
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/**
 * An existing customer with the import's values: with `update` its non-empty
 * values over theirs, with `fill_empty` only where theirs are empty (a
 * formality not yet known, a time zone or consent nobody set count as empty).
 * Either way tags and attributes add up, the time zone is inferred again
 * unless set by hand, and search fields cover all `identities` (theirs and the
 * new ones).
 */
export function updatedCustomerRow(
  before: CustomerRow,
  c: ImportedCustomer,
  identities: { kind: string; value: string }[],
  now: Date,
  existing: Exclude<ImportExisting, 'skip'> = 'update',
): ImportedCustomerRow {
  const fill = existing === 'fill_empty';
  /** The value the customer ends up with: the file's unless it has none, or (filling) theirs unless they have none. */
  const pick = <T>(file: T | null, theirs: T | null): T | null => (fill && !isBlank(theirs) ? theirs : (file ?? theirs));
  const base = {
    given_name: pick(c.givenName, before.given_name),
    family_name: pick(c.familyName, before.family_name),
    middle_name: pick(c.middleName, before.middle_name),
    company: pick(c.company, before.company),
    tags: [...new Set([...before.tags, ...c.tags])],
  };
  const country = pick(c.country, before.country);
  const phones = identities
    .filter((i) => i.kind === 'phone' || i.kind === 'whatsapp')
    .map((i) => ({ value: i.value, country: parsePhone(i.value)?.country ?? null }));
  const keepZone = before.time_zone_source === 'explicit' && (fill || !c.timeZone);
  const zone = keepZone
    ? { time_zone: before.time_zone, time_zone_source: before.time_zone_source }
    : c.timeZone
      ? { time_zone: c.timeZone, time_zone_source: 'explicit' as const }
      : inferZone(country, phones);
  const consent = c.consent === null || (fill && before.marketing_consent !== null) ? before : consentOf(c, now);
  const attributes = fill
    ? {
        ...before.attributes,
        ...Object.fromEntries(Object.entries(c.attributes).filter(([key]) => isBlank(before.attributes[key]))),
      }
    : { ...before.attributes, ...c.attributes };
  return {
    id: before.id,
    ...base,
    title: pick(c.title, before.title),
    formality: fill && before.formality !== 'unknown' ? before.formality : (c.formality ?? before.formality),
    language: pick(c.language, before.language),
    country,
    ...zone,
    attributes,
    marketing_consent: consent.marketing_consent,
    marketing_consent_at: consent.marketing_consent_at,
    marketing_consent_source: consent.marketing_consent_source,
    ...searchFieldsOf(base, identities),
  };
}

/** Whether writing `after` would change nothing. */
export function isUnchanged(before: CustomerRow, after: ImportedCustomerRow): boolean {
  return Object.entries(after).every(
    ([key, value]) => JSON.stringify(before[key as keyof CustomerRow]) === JSON.stringify(value),
  );
}
