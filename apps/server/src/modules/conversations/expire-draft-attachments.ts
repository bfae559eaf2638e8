import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import * as repo from './conversations.repo.js';
import { draftAttachmentHours } from './conversations.presenters.js';
import { queueFileRemoval } from './file-removal.js';

/**
 * Removes files uploaded for messages and never sent, a day after their
 * upload (the daily cleanup): the rows, and their files by a job queued in the
 * same transaction, so that a file goes only once no row names it. A message
 * sending one at the same moment either takes it first or finds it gone
 * (unknown_attachment).
 */
export async function expireDraftAttachments(db: Kysely<DB>, now = new Date()): Promise<{ removed: number }> {
  const before = new Date(now.getTime() - draftAttachmentHours * 3_600_000);
  return db.transaction().execute(async (trx) => {
    const rows = await repo.deleteDraftAttachmentsBefore(trx, before);
    const byWorkspace = new Map<string, string[]>();
    for (const row of rows) {
      const keys = byWorkspace.get(row.workspace_id) ?? [];
      keys.push(row.storage_key);
      byWorkspace.set(row.workspace_id, keys);
    }
    for (const [workspaceId, keys] of byWorkspace) await queueFileRemoval(trx, workspaceId, keys);
    return { removed: rows.length };
  });
}
