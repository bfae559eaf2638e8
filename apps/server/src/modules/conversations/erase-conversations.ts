import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { queueFileRemoval, removeFilesJobName } from './file-removal.js';
import { FileStore } from '../../platform/file-store.js';
import { registerErasureHandler, registerExportSection } from '../customers/privacy.js';
import { moveCustomerRows, registerMergeHandler } from '../customers/merge-customers.js';

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
  // Files agents uploaded to these conversations and have not sent yet.
  const drafts = await trx
    .selectFrom('draft_attachments')
    .select('storage_key')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', ids)
    .execute();
  await trx
    .deleteFrom('events')
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', 'conversation')
    .where('subject_id', 'in', ids)
    .execute();
  await trx.deleteFrom('conversations').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  await queueFileRemoval(
    trx,
    workspaceId,
    [...files, ...drafts].map((f) => f.storage_key),
  );
});

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

// The customer's data export holds their conversations in full: every message and note, with attachment names.
registerExportSection('conversations', async (db, workspaceId, customerId) => {
  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'number', 'subject', 'status', 'language', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  if (conversations.length === 0) return [];
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'direction', 'body_text', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'conversation_id',
      'in',
      conversations.map((c) => c.id),
    )
    .orderBy('created_at')
    .execute();
  const attachments = messages.length
    ? await db
        .selectFrom('message_attachments')
        .select(['message_id', 'file_name', 'content_type', 'size'])
        .where('workspace_id', '=', workspaceId)
        .where(
          'message_id',
          'in',
          messages.map((m) => m.id),
        )
        .execute()
    : [];
  return conversations.map((c) => ({
    number: Number(c.number),
    subject: c.subject,
    status: c.status,
    language: c.language,
    createdAt: c.created_at.toISOString(),
    messages: messages
      .filter((m) => m.conversation_id === c.id)
      .map((m) => ({
        direction: m.direction,
        text: m.body_text,
        at: m.created_at.toISOString(),
        attachments: attachments
          .filter((a) => a.message_id === m.id)
          .map((a) => ({ fileName: a.file_name, contentType: a.content_type, size: Number(a.size) })),
      })),
  }));
});

// Merging two customers keeps every conversation: the merged customer's move to the one kept.
registerMergeHandler(moveCustomerRows('conversations'));
