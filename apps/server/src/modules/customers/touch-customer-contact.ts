import type { Executor, WorkspaceContext } from '../../platform/context.js';
import * as repo from './customers.repo.js';

/**
 * Records that the workspace and the customer were in touch at `at`: a
 * message from them, a reply that reached them, a call. Their last contact
 * moves forward to `at` and their first sighting back to it, never the other
 * way, so a late or out-of-order report cannot undo a later contact. The last
 * contact is kept to the minute (`contactResolutionSeconds`): a contact less
 * than a minute after the recorded one leaves it. One cheap UPDATE that
 * writes nothing when nothing changes; a customer erased or merged away
 * meanwhile is left alone. Throws nothing of its own.
 *
 * Call it in the caller's transaction before locking the customer's
 * conversations or messages: merges and erasures lock the customer first,
 * and taking the locks in the same order cannot deadlock.
 */
export async function touchCustomerContact(
  db: Executor,
  context: Pick<WorkspaceContext, 'workspaceId'>,
  contact: { customerId: string; at: Date },
): Promise<void> {
  await repo.touchContact(db, context.workspaceId, contact.customerId, contact.at);
}

/**
 * Whether contact times already read cover a contact at `at`, so that
 * touchCustomerContact would write nothing (it may be skipped).
 */
export function contactCovers(times: { lastContactedAt: Date | null; firstSeenAt: Date | null }, at: Date): boolean {
  return (
    times.lastContactedAt !== null &&
    times.lastContactedAt.getTime() >= at.getTime() - repo.contactResolutionSeconds * 1000 &&
    times.firstSeenAt !== null &&
    times.firstSeenAt.getTime() <= at.getTime()
  );
}
