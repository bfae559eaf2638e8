import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { DraftAttachment } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { safeContentType, safeFileName } from '../../platform/file-names.js';
import { FileTooLargeError, type FileStore } from '../../platform/file-store.js';
import { newId } from '../../platform/ids.js';
import * as repo from './conversations.repo.js';
import { presentDraftAttachment } from './conversations.presenters.js';

export interface UploadDraftAttachmentOptions {
  conversationId: string;
  /** The file's bytes as they arrive. */
  body: Readable;
  fileName: string;
  /** The upload's Content-Type; anything that is no MIME type is kept as application/octet-stream. */
  contentType: string | undefined;
  /** The upload's Content-Length, when it said one: a file said to be too large is refused before it is read. */
  declaredBytes: number | undefined;
  /** The size limit of email (SMTP_MAX_MESSAGE_BYTES): a file over it could not be sent. */
  maxBytes: number;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('attachment_too_large', `The file is larger than ${maxBytes} bytes.`, { maxBytes });
}

/**
 * Keeps a file an agent attaches to a reply or note not sent yet, streamed to
 * the file store as it arrives under a key of its own (the name is only
 * data, made safe), and returns its id for `attachmentIds`. Throws not_found,
 * attachment_empty and attachment_too_large; nothing is kept then.
 */
export async function uploadDraftAttachment(
  db: Kysely<DB>,
  files: FileStore,
  context: WorkspaceContext,
  options: UploadDraftAttachmentOptions,
): Promise<DraftAttachment> {
  const notFound = () => new AppError('not_found', 'No such conversation in this workspace.');
  if (!(await repo.findConversation(db, context.workspaceId, options.conversationId))) throw notFound();
  if (options.declaredBytes !== undefined && options.declaredBytes > options.maxBytes) throw tooLarge(options.maxBytes);
  let saved: { key: string; size: number };
  try {
    saved = await files.saveStream(context.workspaceId, options.body, options.maxBytes);
  } catch (error) {
    throw error instanceof FileTooLargeError ? tooLarge(options.maxBytes) : error;
  }
  try {
    if (saved.size === 0) throw new AppError('attachment_empty', 'The file is empty.');
    const contentType = safeContentType(options.contentType);
    const row = await db.transaction().execute(async (trx) => {
      // Locked: an erasure of the conversation waits, or has happened and the row is not written.
      if (!(await repo.lockConversation(trx, context.workspaceId, options.conversationId))) throw notFound();
      return repo.insertDraftAttachment(trx, {
        workspace_id: context.workspaceId,
        id: newId(),
        conversation_id: options.conversationId,
        file_name: safeFileName(options.fileName, contentType),
        content_type: contentType,
        size: saved.size,
        storage_key: saved.key,
      });
    });
    return presentDraftAttachment(row);
  } catch (error) {
    await files.remove([saved.key]);
    throw error;
  }
}
