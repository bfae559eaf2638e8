import { z } from 'zod';
import { systemActor, type Executor } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { slaUpdate } from './sla-update.js';

/** How often snoozed conversations are looked at: a snooze ends at most this late. */
const everySeconds = 30;
/** Conversations woken per transaction. */
const batch = 200;

/** Schedules the next wake-up run, once per slot across all processes. */
export async function scheduleWakeSnoozed(db: Executor, now = new Date()): Promise<void> {
  const slot = Math.floor(now.getTime() / 1000 / everySeconds) + 1;
  await enqueueJob(db, {
    name: wakeSnoozedJob.name,
    payload: {},
    runAt: new Date(slot * everySeconds * 1000),
    idempotencyKey: `conversations.wake_snoozed:${slot}`,
  });
}

/**
 * Opens the conversations whose snooze has ended: status open, the SLA
 * resolution clock running again, `conversation.reopened` with the reason, so
 * the inbox shows them live. Then schedules the next run.
 */
export const wakeSnoozedJob = defineJob({
  name: 'conversations.wake_snoozed',
  payload: z.object({}),
  async handle(_payload, context) {
    for (;;) {
      const woken = await context.db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('conversations')
          .selectAll()
          .where('status', '=', 'snoozed')
          .where('snoozed_until', '<=', new Date())
          .orderBy('snoozed_until')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        const now = new Date();
        for (const conversation of due) {
          const clocks = await slaUpdate(trx, conversation, 'resumed', now);
          await trx
            .updateTable('conversations')
            .set({ ...clocks, status: 'open', snoozed_until: null, updated_at: now })
            .where('workspace_id', '=', conversation.workspace_id)
            .where('id', '=', conversation.id)
            .execute();
          await recordEvent(
            trx,
            { workspaceId: conversation.workspace_id, actor: systemActor },
            {
              name: 'conversation.reopened',
              subjectType: 'conversation',
              subjectId: conversation.id,
              data: { before: { status: 'snoozed' }, after: { status: 'open' }, reason: 'snooze_ended' },
            },
          );
        }
        return due.length;
      });
      if (woken < batch) break;
    }
    await context.complete(async (trx) => scheduleWakeSnoozed(trx));
  },
});
