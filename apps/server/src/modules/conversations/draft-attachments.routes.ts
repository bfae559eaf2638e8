import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { draftAttachment, errorResponse, id, uploadAttachmentQuery } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { FileStore } from '../../platform/file-store.js';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { removeDraftAttachment } from './remove-draft-attachment.js';
import { uploadDraftAttachment } from './upload-draft-attachment.js';

const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  413: errorResponse,
};
const tags = ['Conversations'];

/**
 * Files agents attach to a reply or note before sending it, under /api/v1. In
 * a plugin of its own so that every body reaches the upload as a raw stream,
 * whatever its Content-Type (the file's own type), on these routes alone.
 */
export function registerDraftAttachmentRoutes(api: FastifyInstance, services: Services): void {
  const files = new FileStore(services.config.database.dataDir);
  const maxBytes = services.config.mail.maxMessageBytes;
  void api.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/conversations/:conversationId/attachments',
      {
        config: { auth: 'workspace' },
        schema: {
          tags,
          summary: 'Upload a file to attach to a reply or note (the raw file as the body, its type as Content-Type)',
          description:
            'Returns the attachment’s id for `attachmentIds` of `POST /conversations/{conversationId}/messages`. At most ' +
            'the size of an inbound email (`SMTP_MAX_MESSAGE_BYTES`, 25 MB by default; `attachment_too_large` with ' +
            '`details.maxBytes`); an empty file is `attachment_empty`. The name is stored made safe (its last path ' +
            'segment, without control characters). A file never sent is removed by the daily cleanup after `expiresAt`.',
          params: z.strictObject({ conversationId: id }),
          querystring: uploadAttachmentQuery,
          response: { 201: draftAttachment, ...errors },
        },
      },
      async (request, reply) => {
        // No body at all (nothing to parse) is an empty file.
        const body = request.body === undefined ? Readable.from([]) : request.body;
        if (!(body instanceof Readable))
          throw new AppError('unsupported_media_type', 'Send the file as the body, with its type as Content-Type.');
        const length = Number(request.headers['content-length']);
        const uploaded = await uploadDraftAttachment(services.db, files, workspaceContext(request), {
          conversationId: request.params.conversationId,
          body,
          fileName: request.query.fileName,
          contentType: request.headers['content-type'],
          declaredBytes: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
          maxBytes,
        });
        return reply.status(201).send(uploaded);
      },
    );

    app.delete(
      '/conversations/:conversationId/attachments/:attachmentId',
      {
        config: { auth: 'workspace' },
        schema: {
          tags,
          summary: 'Remove an uploaded file that has not been sent (a file sent with a message stays)',
          params: z.strictObject({ conversationId: id, attachmentId: id }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await removeDraftAttachment(
          services.db,
          files,
          workspaceContext(request),
          request.params.conversationId,
          request.params.attachmentId,
        );
        return reply.status(204).send(null);
      },
    );
  });
}
