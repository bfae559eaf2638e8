import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { FileStore } from '../../platform/file-store.js';
import { registerErasureHandler } from '../customers/privacy.js';

// Erasing a customer erases their conversations: messages, notes and attachments (rows cascade), the events about
// those conversations, and the attachment files, removed by a job queued in the erasing transaction (so files go
// only once the erasure has committed).
registerErasureHandler(async (trx, workspaceId, customerId) => {
  const conversations = await trx
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .execute();
  if (conversations.length === 0) return;
  const ids = conversations.map((c) => c.id);
  const files = await trx
    .selectFrom('message_attachments as a')
    .innerJoin('messages as m', (j) => j.onRef('m.workspace_id', '=', 'a.workspace_id').onRef('m.id', '=', 'a.message_id'))
    .select('a.storage_key')
    .where('a.workspace_id', '=', workspaceId)
    .where('m.conversation_id', 'in', ids)
    .execute();
  await trx
    .deleteFrom('events')
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', 'conversation')
    .where('subject_id', 'in', ids)
    .execute();
  await trx.deleteFrom('conversations').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  if (files.length)
    await enqueueJob(trx, { name: removeFilesJobName, workspaceId, payload: { keys: files.map((f) => f.storage_key) } });
});

const removeFilesJobName = 'files.remove';

/** Removes stored files whose rows are gone (erased customers' attachments). */
export function removeFilesJob(dataDir: string) {
  const store = new FileStore(dataDir);
  return defineJob({
    name: removeFilesJobName,
    payload: z.object({ keys: z.array(z.string()).max(100_000) }),
    async handle({ keys }, context) {
      await store.remove(keys);
      await context.complete(async () => undefined);
    },
  });
}
