import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Customer, IdentityInput, UpdateCustomerInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { validateAttributes } from './attributes.js';
import { addIdentityRows, cleanTags, inferTimeZone, prepareIdentities, searchFieldsOf } from './customer-profile.js';
import { getCustomerRow } from './merge-customers.js';
import { presentCustomer } from './customers.presenters.js';
import * as repo from './customers.repo.js';

/** The customer's row (a merged-away id gives the kept customer's), locked. Throws not_found. */
async function lockCustomer(db: Executor, workspaceId: string, customerId: string) {
  return getCustomerRow(db, workspaceId, customerId, { lock: true });
}

/**
 * Changes profile fields (PATCH: only those given; null clears). A cleared
 * time zone is inferred again; a new country re-infers an inferred one.
 * Records `customer.updated` with the names of the changed fields. An id
 * merged away changes the kept customer.
 */
export async function updateCustomer(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  input: UpdateCustomerInput,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const before = await lockCustomer(trx, context.workspaceId, givenId);
    const customerId = before.id;
    const identities = await repo.listIdentities(trx, context.workspaceId, [customerId]);
    const next = {
      given_name: input.givenName !== undefined ? input.givenName : before.given_name,
      family_name: input.familyName !== undefined ? input.familyName : before.family_name,
      middle_name: input.middleName !== undefined ? input.middleName : before.middle_name,
      company: input.company !== undefined ? input.company : before.company,
      tags: cleanTags(input.tags) ?? before.tags,
      name_order: input.nameOrder !== undefined ? input.nameOrder : before.name_order,
      title: input.title !== undefined ? input.title : before.title,
      formality: input.formality ?? before.formality,
      language: input.language !== undefined ? input.language : before.language,
      country: input.country !== undefined ? input.country : before.country,
    };
    const zone =
      input.timeZone !== undefined
        ? inferTimeZone(input.timeZone, next.country, identities)
        : before.time_zone_source !== 'explicit' && next.country !== before.country
          ? inferTimeZone(null, next.country, identities)
          : { time_zone: before.time_zone, time_zone_source: before.time_zone_source };
    const attributes = input.attributes
      ? await validateAttributes(trx, context.workspaceId, input.attributes, before.attributes)
      : before.attributes;
    const consent = input.marketingConsent
      ? {
          marketing_consent: input.marketingConsent.marketingEmail,
          marketing_consent_at: new Date(),
          marketing_consent_source: input.marketingConsent.source ?? null,
        }
      : {};
    const after = await repo.updateCustomerRow(trx, context.workspaceId, customerId, {
      ...next,
      ...zone,
      attributes,
      ...consent,
      ...searchFieldsOf(next, identities),
    });
    if (!after) throw new AppError('not_found', 'No such customer in this workspace.');
    const fields = Object.keys(input).filter((key) => {
      const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof typeof before;
      return JSON.stringify(before[column]) !== JSON.stringify(after[column]);
    });
    if (fields.length) {
      await recordEvent(trx, context, {
        name: 'customer.updated',
        subjectType: 'customer',
        subjectId: customerId,
        data: { fields },
      });
    }
    return presentCustomer(after, identities);
  });
}

/** Adds an identity (email, phone, channel id) to a customer; identity_taken if another customer has it. */
export async function addCustomerIdentity(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  input: IdentityInput,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const row = await lockCustomer(trx, context.workspaceId, givenId);
    const customerId = row.id;
    const workspace = await findWorkspace(trx, context.workspaceId);
    const [prepared] = await prepareIdentities(trx, context.workspaceId, [input], {
      defaultCountry: row.country ?? workspace?.country ?? null,
      customerId,
      // The body is one identity: its field is `value`.
      pathOf: () => ['value'],
    });
    if (prepared) {
      await addIdentityRows(trx, [{ workspace_id: context.workspaceId, id: newId(), customer_id: customerId, ...prepared }]);
      await recordEvent(trx, context, {
        name: 'customer.identity_added',
        subjectType: 'customer',
        subjectId: customerId,
        data: { kind: prepared.kind },
      });
    }
    return refreshDerived(trx, context.workspaceId, customerId);
  });
}

/** Removes an identity from a customer. Throws not_found (the customer, or the identity on them). */
export async function removeCustomerIdentity(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  identityId: string,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const customerId = (await lockCustomer(trx, context.workspaceId, givenId)).id;
    const removed = await repo.deleteIdentity(trx, context.workspaceId, customerId, identityId);
    if (!removed) throw new AppError('not_found', 'No such identity on this customer.');
    await recordEvent(trx, context, {
      name: 'customer.identity_removed',
      subjectType: 'customer',
      subjectId: customerId,
      data: { kind: removed.kind },
    });
    return refreshDerived(trx, context.workspaceId, customerId);
  });
}

/** Recomputes what follows from identities: search text, and an inferred time zone. */
async function refreshDerived(db: Executor, workspaceId: string, customerId: string): Promise<Customer> {
  const row = await lockCustomer(db, workspaceId, customerId);
  const identities = await repo.listIdentities(db, workspaceId, [customerId]);
  const zone = row.time_zone_source === 'explicit' ? {} : inferTimeZone(null, row.country, identities);
  const after = await repo.updateCustomerRow(db, workspaceId, customerId, {
    ...zone,
    ...searchFieldsOf(row, identities),
  });
  return presentCustomer(after ?? row, identities);
}
