import type { ImportExisting, ImportMatchBy } from '@rapport/contracts';
import type { Executor } from '../../../platform/context.js';
import { isUnchanged, newCustomerRow, updatedCustomerRow } from './customer-rows.js';
import { nextImportId } from './import-ids.js';
import type { ImportedCustomer } from './normalize-row.js';
import { resolveBatch, type RowOutcome } from './resolve-batch.js';
import * as repo from './import-batch.repo.js';

/**
 * A batch committing before this one while both run: it shares no email or
 * phone with this one (the caller checked), and this one must not lock a
 * customer it locked, nor see the world before it, when they meet.
 */
export interface EarlierBatch {
  /** The existing customers it locked, once it has. */
  locked: Promise<Set<string>>;
  committed: Promise<unknown>;
}

/**
 * Writes a batch of valid rows in the caller's transaction: finds the owners
 * of their emails and phones, resolves each row to a customer (resolveBatch),
 * locks and updates the matched ones, inserts the new ones and every new
 * identity, in a handful of statements whatever the batch size. New customers
 * use the row built while parsing (`draft`) unless rows were merged into them.
 * The customers written are linked to the import (their timelines' entry).
 * Existing customers are updated as `existing` says; with `skip` the rows
 * matching one the import did not create are left out (outcome skipped).
 * With `earlier` batches still committing, a batch that would update one of
 * their customers waits for that commit and looks again. Returns each row's outcome, in order.
 */
export async function applyBatch(
  trx: Executor,
  workspaceId: string,
  rows: { line: number; customer: ImportedCustomer; draft: repo.SerializedCustomerRow | null }[],
  options: {
    importId: string;
    matchBy: ImportMatchBy;
    /** What rows do to existing customers; default update. */
    existing?: ImportExisting;
    earlier?: EarlierBatch[];
    onLocked?: (ids: Set<string>) => void;
    /** Look up only these identity keys (the rest cannot exist yet); all when absent. */
    lookUp?: Set<string> | undefined;
  },
): Promise<RowOutcome[]> {
  const wanted: { kind: string; value: string }[] = [];
  const lookUp = options.lookUp;
  for (const { customer } of rows) {
    for (const e of customer.emails)
      if (!lookUp || lookUp.has(`email:${e.value}`)) wanted.push({ kind: 'email', value: e.value });
    for (const p of customer.phones)
      if (!lookUp || lookUp.has(`phone:${p.value}`)) wanted.push({ kind: 'phone', value: p.value });
  }
  let earlier = options.earlier ?? [];
  let resolution: ReturnType<typeof resolveBatch>;
  let existingIds: string[];
  for (;;) {
    resolution = resolveBatch(rows, await repo.findIdentityOwners(trx, workspaceId, wanted), options.matchBy);
    existingIds = resolution.targets.flatMap((t) => (t.existingId ? [t.existingId] : []));
    let clash = -1;
    for (const [index, batch] of earlier.entries()) {
      const theirs = await batch.locked;
      if (existingIds.some((id) => theirs.has(id))) clash = index;
    }
    if (clash < 0) break;
    // The same customer: wait until that batch (and so every one before it) has committed, then look again.
    await earlier[clash]!.committed;
    earlier = earlier.slice(clash + 1);
  }
  const { outcomes, rowTargets } = resolution;
  const existing = options.existing ?? 'update';
  const now = new Date();
  const before = new Map((await repo.lockCustomers(trx, workspaceId, existingIds)).map((r) => [r.id, r]));
  options.onLocked?.(new Set(existingIds));
  let targets = resolution.targets;
  if (existing === 'skip') {
    // Customers this import created (an earlier batch, or a run before a crash) take the file's later rows.
    const skipped = new Set(
      targets.filter((t) => t.existingId && before.get(t.existingId)?.created_by_import_id !== options.importId),
    );
    targets = targets.filter((t) => !skipped.has(t));
    rowTargets.forEach((target, index) => {
      if (target && skipped.has(target)) outcomes[index] = { ...outcomes[index]!, outcome: 'skipped' };
    });
  }
  const known = new Map<string, { kind: string; value: string }[]>();
  for (const identity of await repo.listIdentitiesOf(trx, workspaceId, existingIds)) {
    let list = known.get(identity.customer_id);
    if (!list) known.set(identity.customer_id, (list = []));
    list.push(identity);
  }
  const inserts: repo.SerializedCustomerRow[] = [];
  const updates: repo.ImportedCustomerRow[] = [];
  const identities: { id: string; customer_id: string; kind: string; value: string }[] = [];
  for (const target of targets) {
    let customerId: string;
    if (target.existingId) {
      const row = before.get(target.existingId);
      // Gone since the lookup (merged away): its identities went with it; the retry sees where.
      if (!row) throw new Error(`customer ${target.existingId} disappeared during the import batch`);
      const theirs = [...(known.get(row.id) ?? []), ...target.identities];
      const after = updatedCustomerRow(row, target.changes, theirs, now, existing === 'fill_empty' ? 'fill_empty' : 'update');
      if (target.identities.length || !isUnchanged(row, after)) updates.push(after);
      customerId = row.id;
    } else {
      const row = target.draft ?? repo.serializeCustomerRow(newCustomerRow(target.changes, now));
      inserts.push(row);
      customerId = row.id;
    }
    for (const identity of target.identities) {
      identities.push({ id: nextImportId(), customer_id: customerId, kind: identity.kind, value: identity.value });
    }
  }
  await repo.insertCustomerRows(trx, workspaceId, options.importId, inserts);
  await repo.updateCustomerRows(trx, workspaceId, updates);
  await repo.insertIdentityRows(trx, workspaceId, identities);
  await repo.linkUpdatedCustomers(
    trx,
    workspaceId,
    options.importId,
    updates.map((r) => r.id),
  );
  return outcomes;
}
