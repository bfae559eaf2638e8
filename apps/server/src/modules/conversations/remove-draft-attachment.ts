import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/file-store.js';
import * as repo from './conversations.repo.js';

/**
 * Drops a file uploaded for a message not sent yet (the agent took it out of
 * the composer), the row first, then its stored bytes. A file already sent
 * stays with its message. Throws not_found.
 */
export async function removeDraftAttachment(
  db: Kysely<DB>,
  files: FileStore,
  context: WorkspaceContext,
  conversationId: string,
  attachmentId: string,
): Promise<void> {
  const [row] = await repo.takeDraftAttachments(db, context.workspaceId, conversationId, [attachmentId]);
  if (!row) throw new AppError('not_found', 'No such unsent attachment in this conversation.');
  await files.remove([row.storage_key]);
}
