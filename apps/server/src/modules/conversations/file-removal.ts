import type { Executor } from '../../platform/context.js';
import { enqueueJob } from '../../platform/jobs/queue.js';

/** The job that removes stored files whose rows are gone (`removeFilesJob`, erase-conversations.ts). */
export const removeFilesJobName = 'files.remove';
/** Most storage keys one removal job carries. */
const keysPerRemovalJob = 10_000;

/**
 * Queues the removal of stored files in the caller's transaction: they go once the change that made them unneeded
 * (their rows deleted) has committed, never before.
 */
export async function queueFileRemoval(db: Executor, workspaceId: string, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += keysPerRemovalJob)
    await enqueueJob(db, {
      name: removeFilesJobName,
      workspaceId,
      payload: { keys: keys.slice(start, start + keysPerRemovalJob) },
    });
}
