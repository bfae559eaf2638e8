import type { ImportMatchBy } from '@rapport/contracts';
import { identitiesOf } from './customer-rows.js';
import type { SerializedCustomerRow } from './import-batch.repo.js';
import { emptyImportedCustomer, type ImportedCustomer, type RowIssue } from './normalize-row.js';

export interface ImportIdentity {
  kind: 'email' | 'phone';
  value: string;
  column: string;
}

/** A customer the batch writes: a new one (existingId null) or an existing one, with the merged changes of its rows. */
export interface BatchTarget {
  existingId: string | null;
  changes: ImportedCustomer;
  /** Identities to add (those the customer does not have yet). */
  identities: ImportIdentity[];
  /** Rows merged into it. */
  rows: number;
  /** A new customer's row as built while parsing; null once another row merged into it. */
  draft: SerializedCustomerRow | null;
}

export interface RowOutcome {
  line: number;
  outcome: 'created' | 'updated' | 'skipped' | 'failed';
  issues: RowIssue[];
}

export interface BatchResolution {
  targets: BatchTarget[];
  outcomes: RowOutcome[];
  /** The customer each row writes, by the outcome's index (null for a failed row). */
  rowTargets: (BatchTarget | null)[];
}

export function identityKey(identity: { kind: string; value: string }): string {
  return `${identity.kind}:${identity.value}`;
}

const scalarFields = [
  ...['givenName', 'familyName', 'middleName', 'title', 'formality', 'company'],
  ...['country', 'language', 'timeZone', 'consent'],
] as const;

function copyChanges(changes: ImportedCustomer): ImportedCustomer {
  return {
    ...changes,
    tags: [...changes.tags],
    attributes: { ...changes.attributes },
    emails: [...changes.emails],
    phones: [...changes.phones],
  };
}

/** Later rows win: their non-empty cells replace, tags and identities add up, attributes merge. */
export function mergeChanges(into: ImportedCustomer, from: ImportedCustomer): void {
  for (const field of scalarFields) if (from[field] !== null) (into as unknown as Record<string, unknown>)[field] = from[field];
  for (const tag of from.tags) if (!into.tags.includes(tag)) into.tags.push(tag);
  Object.assign(into.attributes, from.attributes);
  for (const email of from.emails) if (!into.emails.some((e) => e.value === email.value)) into.emails.push(email);
  for (const phone of from.phones) if (!into.phones.some((p) => p.value === phone.value)) into.phones.push(phone);
}

/**
 * Decides, row by row in file order, which customer each valid row writes:
 * the existing customer owning one of its matching identities (by the match
 * rule), a customer an earlier row of the batch creates, or a new one. A row
 * whose identities point at two different customers (identity_conflict), or
 * that would take an identity another customer owns (identity_taken), fails
 * whole. `owners` maps identity keys to the existing customers owning them.
 */
export function resolveBatch(
  rows: { line: number; customer: ImportedCustomer; draft?: SerializedCustomerRow | null }[],
  owners: Map<string, string>,
  matchBy: ImportMatchBy,
): BatchResolution {
  const targets: BatchTarget[] = [];
  const outcomes: RowOutcome[] = [];
  const rowTargets: (BatchTarget | null)[] = [];
  const byKey = new Map<string, BatchTarget>();
  const existing = new Map<string, BatchTarget>();
  const targetOf = (identity: ImportIdentity): BatchTarget | undefined => {
    const key = identityKey(identity);
    const known = byKey.get(key);
    if (known) return known;
    const ownerId = owners.get(key);
    if (!ownerId) return undefined;
    let target = existing.get(ownerId);
    if (!target) {
      target = { existingId: ownerId, changes: emptyImportedCustomer(), identities: [], rows: 0, draft: null };
      existing.set(ownerId, target);
    }
    byKey.set(key, target);
    return target;
  };

  for (const { line, customer, draft } of rows) {
    const identities = identitiesOf(customer);
    const matching = matchBy === 'email_or_phone' ? identities : identities.filter((i) => i.kind === matchBy);
    const matched = matching.find((i) => targetOf(i));
    let target = matched ? targetOf(matched) : undefined;
    const issues: RowIssue[] = [];
    for (const identity of identities) {
      const owner = targetOf(identity);
      if (!owner || owner === target) continue;
      const conflict = matching.includes(identity);
      issues.push({
        column: identity.column,
        value: identity.value,
        code: conflict ? 'identity_conflict' : 'identity_taken',
        message: conflict
          ? `${identity.value} belongs to a different customer than ${matched!.value}`
          : `${identity.value} belongs to another customer`,
        ...(conflict && { params: { other: matched!.value } }),
        level: 'error',
      });
    }
    if (issues.length) {
      outcomes.push({ line, outcome: 'failed', issues });
      rowTargets.push(null);
      continue;
    }
    const created = !target;
    if (!target) {
      // The row's own values (and the row built from them while parsing) become the new customer's.
      target = { existingId: null, changes: customer, identities: [], rows: 1, draft: draft ?? null };
      targets.push(target);
    } else {
      // A row's own values are shared with the caller (who may resolve the batch again): merge into a copy.
      if (!target.existingId && target.rows === 1) target.changes = copyChanges(target.changes);
      mergeChanges(target.changes, customer);
      target.draft = null;
      target.rows++;
    }
    for (const identity of identities) {
      if (targetOf(identity)) continue;
      byKey.set(identityKey(identity), target);
      target.identities.push(identity);
    }
    outcomes.push({ line, outcome: created ? 'created' : 'updated', issues: [] });
    rowTargets.push(target);
  }
  // Customers only looked at (an identity a failed row wanted) are left alone.
  return { targets: [...targets, ...[...existing.values()].filter((t) => t.rows > 0)], outcomes, rowTargets };
}
