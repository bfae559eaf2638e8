import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import type { FileStore } from '../../platform/file-store.js';
import { foldQuotedHistoryStyle, hasQuotedHistory } from '../channels/drivers/email/quoted-html.js';
import { allowRemoteImages, resolveContentIds } from '../channels/drivers/email/sanitize-email-html.js';
import * as repo from './conversations.repo.js';

/**
 * The columns that store a message's sanitized HTML (null: none): the HTML and what lists show of it, computed
 * here once so that lists never read the HTML. Every write of body_html goes through this (a check in the database
 * refuses body_html and has_html apart).
 */
export function messageHtmlColumns(html: string | null) {
  return {
    body_html: html,
    has_html: html !== null,
    has_quoted_history: html !== null && hasQuotedHistory(html),
  };
}

/** Inline images larger than this stay out of the document (shown as attachments only). */
const maxInlineImageBytes = 5 * 1024 * 1024;

/**
 * The policy the message document is served with: it runs no script, loads
 * nothing but its own inline images (and, when allowed, remote images over
 * https), may be framed only by the console, and is sandboxed even if opened
 * on its own.
 */
export function messageDocumentPolicy(remoteImages: boolean): string {
  return [
    'sandbox allow-popups allow-popups-to-escape-sandbox',
    "default-src 'none'",
    `img-src data:${remoteImages ? ' https: http:' : ''}`,
    "style-src 'unsafe-inline'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * A message's sanitized HTML as a standalone document for a sandboxed frame:
 * inline (cid:) images embedded as data: URLs, remote images disabled unless
 * `remoteImages` (the agent chose to show them), the quoted history under a
 * reply folded away unless `quotedHistory`. Throws not_found when the
 * message is not the workspace's or has no HTML.
 */
export async function getMessageDocument(
  db: Kysely<DB>,
  files: FileStore,
  context: WorkspaceContext,
  messageId: string,
  options: { remoteImages: boolean; quotedHistory: boolean },
): Promise<string> {
  const message = await repo.findMessage(db, context.workspaceId, messageId);
  if (!message?.body_html) throw new AppError('not_found', 'No such message with HTML in this workspace.');
  const inline = (await repo.listAttachmentRows(db, context.workspaceId, [message.id])).filter(
    (a) => a.content_id && a.content_type.startsWith('image/') && Number(a.size) <= maxInlineImageBytes,
  );
  const dataUrls = new Map<string, string>();
  for (const attachment of inline) {
    const chunks: Buffer[] = [];
    for await (const chunk of files.read(attachment.storage_key)) chunks.push(chunk as Buffer);
    dataUrls.set(attachment.content_id!, `data:${attachment.content_type};base64,${Buffer.concat(chunks).toString('base64')}`);
  }
  let html = resolveContentIds(message.body_html, (contentId) => dataUrls.get(contentId) ?? null);
  if (options.remoteImages) html = allowRemoteImages(html);
  const fold = options.quotedHistory ? '' : foldQuotedHistoryStyle;
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank">${fold}</head><body>${html}</body></html>`;
}

/** An attachment's row and a stream of its bytes; throws not_found. */
export async function getAttachment(
  db: Kysely<DB>,
  files: FileStore,
  context: WorkspaceContext,
  messageId: string,
  attachmentId: string,
) {
  const attachment = (await repo.listAttachmentRows(db, context.workspaceId, [messageId])).find((a) => a.id === attachmentId);
  if (!attachment) throw new AppError('not_found', 'No such attachment in this workspace.');
  return { attachment, content: files.read(attachment.storage_key) };
}
