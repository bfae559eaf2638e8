import { sql } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import type { Executor } from '../../platform/context.js';
import { expireCustomerImports } from '../customers/import/expire-customer-imports.js';
import { applyAllPendingScrubs } from '../customers/import/scrub-error-reports.js';
import { expireIdempotencyKeys } from '../../platform/http/idempotency.js';
import { expireDraftAttachments } from '../conversations/expire-draft-attachments.js';

const keepFinishedJobsDays = 14;

/** The id of the cleanup due on a given day: one per day, however many processes schedule it. */
function cleanupKey(day: Date): string {
  return `maintenance.cleanup:${day.toISOString().slice(0, 10)}`;
}

/** Schedules the next daily cleanup (03:00 UTC), once per day across all processes. */
export async function scheduleCleanup(db: Executor, now = new Date()): Promise<void> {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  await enqueueJob(db, { name: cleanupJob.name, payload: {}, runAt: next, idempotencyKey: cleanupKey(next) });
}

/**
 * Daily housekeeping: removes expired sessions, stale sign-in throttles,
 * finished jobs older than two weeks, Idempotency-Keys older than a day,
 * abandoned or old customer imports with their files, and files attached to
 * messages never sent, a day after their upload; scrubs the people erased
 * during an import from its report where its job could not (the process
 * died); then schedules the next run.
 */
export const cleanupJob = defineJob({
  name: 'maintenance.cleanup',
  payload: z.object({}),
  async handle(_payload, context) {
    // Before complete(): a retry after a crash finds whatever is left and removes it.
    const imports = await expireCustomerImports(context.db);
    if (imports.removed) context.logger.info({ removed: imports.removed }, 'expired customer imports removed');
    const scrubbed = await applyAllPendingScrubs(context.db);
    if (scrubbed.imports) context.logger.info(scrubbed, 'erased people scrubbed from finished imports');
    await expireIdempotencyKeys(context.db);
    const drafts = await expireDraftAttachments(context.db);
    if (drafts.removed) context.logger.info({ removed: drafts.removed }, 'unsent attachments removed');
    await context.complete(async (trx) => {
      await trx.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
      await trx
        .deleteFrom('auth_throttles')
        .where('window_started_at', '<', sql<Date>`now() - interval '1 day'`)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date())]))
        .execute();
      await trx
        .deleteFrom('jobs')
        .where('status', 'in', ['done', 'failed'])
        .where('finished_at', '<', sql<Date>`now() - ${`${keepFinishedJobsDays} days`}::interval`)
        .execute();
      await scheduleCleanup(trx, new Date(Date.now() + 60_000));
    });
  },
});
