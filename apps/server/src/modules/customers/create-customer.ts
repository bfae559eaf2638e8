import type { Kysely } from 'kysely';
import { isUniqueViolation, type CustomerIdentityRow, type DB } from '@rapport/db';
import type { CreateCustomerInput, Customer } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { validateAttributes } from './attributes.js';
import { cleanTags, inferTimeZone, normalizeIdentities, searchFieldsOf, withoutOwnIdentities } from './customer-profile.js';
import { presentCustomer } from './customers.presenters.js';
import { emailAddressTimeZone } from './time-zone.js';
import * as repo from './customers.repo.js';

/** How a customer came to be created, for what the input cannot say. */
export interface CreateCustomerOptions {
  /**
   * They wrote from their email identity (an inbound email): when neither a phone nor the country tells their
   * time zone, the address's country domain does, if that country has one (source 'email').
   */
  isEmailSender?: boolean;
}

/**
 * Creates a customer with their identities. Phones are read in the
 * customer's (else the workspace's) country; the time zone is inferred when
 * not given. Throws validation_failed (field issues) and identity_taken.
 */
export async function createCustomer(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateCustomerInput,
  options: CreateCustomerOptions = {},
): Promise<Customer> {
  if (!input.givenName && !input.familyName && !input.identities?.length && !input.company) {
    throw new AppError('validation_failed', 'A customer needs a name, a company or an identity.', {
      issues: [{ path: ['givenName'], code: 'too_small', message: 'a name, company or identity is required', in: 'body' }],
    });
  }
  const country = input.country ?? null;
  const needsCountry = !country && input.identities?.some((i) => i.kind === 'phone' || i.kind === 'whatsapp');
  const defaultCountry = needsCountry ? ((await findWorkspace(db, context.workspaceId))?.country ?? null) : country;
  const identities = normalizeIdentities(input.identities ?? [], defaultCountry);
  try {
    return await insertCustomer(db, context, input, identities, options);
  } catch (error) {
    // The unique index caught an identity another customer has: say whose (no lock held now).
    if (error instanceof AppError && error.code === 'identity_taken')
      await withoutOwnIdentities(db, context.workspaceId, identities);
    throw error;
  }
}

async function insertCustomer(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateCustomerInput,
  identities: { kind: CustomerIdentityRow['kind']; value: string }[],
  options: CreateCustomerOptions,
): Promise<Customer> {
  const country = input.country ?? null;
  let zone = inferTimeZone(input.timeZone, country, identities);
  const email = identities.find((i) => i.kind === 'email')?.value;
  // The country, when given, has the say: a country of several zones is not overruled by a domain.
  if (!zone.time_zone && !country && options.isEmailSender && email) {
    const fromAddress = emailAddressTimeZone(email);
    if (fromAddress) zone = { time_zone: fromAddress, time_zone_source: 'email' };
  }
  const attributes = await validateAttributes(db, context.workspaceId, input.attributes ?? {});
  const now = new Date();
  const tags = cleanTags(input.tags) ?? [];
  const base = {
    given_name: input.givenName ?? null,
    family_name: input.familyName ?? null,
    middle_name: input.middleName ?? null,
    company: input.company ?? null,
    tags,
  };
  const id = newId();
  const identityRows = identities.map((i) => ({ workspace_id: context.workspaceId, id: newId(), customer_id: id, ...i }));
  let row;
  try {
    row = await repo.insertCustomer(
      db,
      {
        workspace_id: context.workspaceId,
        id,
        ...base,
        name_order: input.nameOrder ?? null,
        title: input.title ?? null,
        formality: input.formality ?? 'unknown',
        language: input.language ?? null,
        country,
        ...zone,
        attributes,
        marketing_consent: input.marketingConsent?.marketingEmail ?? null,
        marketing_consent_at: input.marketingConsent ? now : null,
        marketing_consent_source: input.marketingConsent?.source ?? null,
        ...searchFieldsOf(base, identities),
        first_seen_at: now,
        last_contacted_at: null,
        created_by_import_id: null,
      },
      identityRows,
      context,
      // Audit entries name the fields, not their values: personal data stays out of the log.
      {
        name: 'customer.created',
        subjectType: 'customer',
        subjectId: id,
        data: { fields: Object.keys(input).filter((k) => k !== 'identities'), identities: identities.map((i) => i.kind) },
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('identity_taken', 'An identity belongs to another customer.');
    throw error;
  }
  return presentCustomer(
    row,
    identityRows.map((i) => ({ ...i, created_at: row.created_at })),
  );
}
