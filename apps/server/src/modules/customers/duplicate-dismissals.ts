import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { DuplicateDismissal, DuplicateDismissalInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { WorkspaceContext } from '../../platform/context.js';
import * as repo from './customers.repo.js';
import { resolveCustomerId } from './merge-customers.js';
import * as duplicatesRepo from './duplicates.repo.js';

/** The pair in id order: one row and one key whichever way round it is named. */
function orderedPair(customerId: string, duplicateId: string): [string, string] {
  return customerId < duplicateId ? [customerId, duplicateId] : [duplicateId, customerId];
}

function presentDismissal(row: duplicatesRepo.DismissalRow): DuplicateDismissal {
  return {
    customerIds: [row.first_id, row.second_id],
    dismissedBy: row.dismissed_by,
    dismissedAt: row.dismissed_at.toISOString(),
  };
}

/**
 * Marks two customers as "not the same person": the pair is no longer listed
 * as a likely duplicate, in either order, until the mark is undone or either
 * customer is erased or merged away. Ids merged away stand for the customers
 * they lead to. Marking a marked pair again changes nothing (`isNew` false).
 * Records `duplicate_dismissal.created` (who and when). Throws
 * validation_failed (same_customer) and not_found.
 */
export async function dismissDuplicate(
  db: Kysely<DB>,
  context: WorkspaceContext,
  given: DuplicateDismissalInput,
): Promise<{ dismissal: DuplicateDismissal; isNew: boolean }> {
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const givenId of [given.customerId, given.duplicateId]) {
      const id = await resolveCustomerId(trx, context.workspaceId, givenId);
      if (!(await repo.findCustomer(trx, context.workspaceId, id)))
        throw new AppError('not_found', 'No such customer in this workspace.', { customerId: givenId });
      ids.push(id);
    }
    const [customerId, duplicateId] = ids as [string, string];
    if (customerId === duplicateId)
      throw new AppError('validation_failed', 'A customer is always the same person as itself.', {
        issues: [{ path: ['duplicateId'], code: 'same_customer', message: 'the same customer', in: 'body' }],
      });
    const pair = orderedPair(customerId, duplicateId);
    const dismissedBy = context.actor.type === 'user' ? context.actor.id : null;
    const { row, isNew } = await duplicatesRepo.insertDismissal(trx, context.workspaceId, pair, dismissedBy);
    if (isNew) {
      await recordEvent(trx, context, {
        name: 'duplicate_dismissal.created',
        subjectType: 'customer',
        subjectId: customerId,
        data: { duplicateId },
      });
    }
    return { dismissal: presentDismissal(row), isNew };
  });
}

/**
 * Undoes "not the same person": the pair can be listed as a likely duplicate
 * again. Ids merged away stand for the customers they lead to. Records
 * `duplicate_dismissal.deleted`. Throws not_found when the pair is not marked.
 */
export async function undoDuplicateDismissal(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  givenDuplicateId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const customerId = await resolveCustomerId(trx, context.workspaceId, givenId);
    const duplicateId = await resolveCustomerId(trx, context.workspaceId, givenDuplicateId);
    if (!(await duplicatesRepo.deleteDismissal(trx, context.workspaceId, orderedPair(customerId, duplicateId))))
      throw new AppError('not_found', 'These two customers are not marked as different people.');
    await recordEvent(trx, context, {
      name: 'duplicate_dismissal.deleted',
      subjectType: 'customer',
      subjectId: customerId,
      data: { duplicateId },
    });
  });
}
