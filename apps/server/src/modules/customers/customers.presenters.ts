import type { CustomerIdentityRow, CustomerRow } from '@rapport/db';
import type { CustomerSummaryRow } from './customers.repo.js';
import { formatCustomerName, type Customer, type CustomerSummary } from '@rapport/contracts';

function names(row: Pick<CustomerRow, 'given_name' | 'family_name' | 'middle_name' | 'name_order' | 'language' | 'country'>) {
  return {
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    nameOrder: row.name_order,
    language: row.language,
    country: row.country,
  };
}

export function presentCustomer(row: CustomerRow, identities: CustomerIdentityRow[]): Customer {
  return {
    id: row.id,
    ...names(row),
    displayName: formatCustomerName(names(row)),
    title: row.title,
    formality: row.formality,
    timeZone: row.time_zone,
    timeZoneSource: row.time_zone_source,
    company: row.company,
    tags: row.tags,
    attributes: row.attributes,
    identities: identities.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      createdAt: i.created_at.toISOString(),
    })),
    consent: {
      marketingEmail: row.marketing_consent,
      at: row.marketing_consent_at?.toISOString() ?? null,
      source: row.marketing_consent_source,
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    firstSeenAt: row.first_seen_at?.toISOString() ?? null,
    lastContactedAt: row.last_contacted_at?.toISOString() ?? null,
  };
}

/** A summary row, or a whole customer row whose identities give the primary email and phone. */
type SummaryFields = Omit<CustomerSummaryRow, 'primary_email' | 'primary_phone'> &
  Partial<Pick<CustomerSummaryRow, 'primary_email' | 'primary_phone'>>;

/** A customer in a list: its primary email and phone come with the row, or are picked from its identities. */
export function presentCustomerSummary(
  row: SummaryFields,
  identities: Pick<CustomerIdentityRow, 'kind' | 'value'>[] = [],
): CustomerSummary {
  return {
    id: row.id,
    displayName: formatCustomerName(names(row)),
    givenName: row.given_name,
    familyName: row.family_name,
    company: row.company,
    country: row.country,
    language: row.language,
    timeZone: row.time_zone,
    tags: row.tags,
    createdAt: row.created_at.toISOString(),
    lastContactedAt: row.last_contacted_at?.toISOString() ?? null,
    primaryEmail: row.primary_email ?? identities.find((i) => i.kind === 'email')?.value ?? null,
    primaryPhone: row.primary_phone ?? identities.find((i) => i.kind === 'phone')?.value ?? null,
  };
}
