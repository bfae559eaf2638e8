import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSavedReplyInput,
  errorResponse,
  id,
  renderedSavedReply,
  savedReply,
  updateSavedReplyInput,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { createSavedReply, deleteSavedReply, listSavedReplies, renderSavedReply, updateSavedReply } from './saved-replies.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Saved replies and their rendering for a conversation, under /api/v1. */
export function registerSavedReplyRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const workspace = { auth: 'workspace' } as const;
  const replyParams = z.strictObject({ replyId: id });
  const savedTags = ['Saved replies'];
  app.get(
    '/saved-replies',
    {
      config: workspace,
      schema: {
        tags: savedTags,
        summary: 'Saved replies with their language variants, by name',
        response: { 200: z.object({ items: z.array(savedReply) }), ...errors },
      },
    },
    async (request) => ({ items: await listSavedReplies(services.db, workspaceContext(request)) }),
  );
  app.post(
    '/saved-replies',
    {
      config: workspace,
      schema: {
        tags: savedTags,
        summary: 'Save a reply: a text per language, with placeholders',
        description:
          'Placeholders: `{{customer.name}}`, `{{customer.givenName}}`, `{{customer.familyName}}`, `{{customer.company}}`, ' +
          '`{{agent.name}}`, `{{conversation.number}}`.',
        body: createSavedReplyInput,
        response: { 201: savedReply, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSavedReply(services.db, workspaceContext(request), request.body)),
  );
  app.patch(
    '/saved-replies/:replyId',
    {
      config: workspace,
      schema: {
        tags: savedTags,
        summary: 'Rename a saved reply or replace its variants',
        params: replyParams,
        body: updateSavedReplyInput,
        response: { 200: savedReply, ...errors },
      },
    },
    async (request) => updateSavedReply(services.db, workspaceContext(request), request.params.replyId, request.body),
  );
  app.delete(
    '/saved-replies/:replyId',
    {
      config: workspace,
      schema: { tags: savedTags, summary: 'Delete a saved reply', params: replyParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deleteSavedReply(services.db, workspaceContext(request), request.params.replyId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/conversations/:conversationId/saved-replies/:replyId/render',
    {
      config: workspace,
      schema: {
        tags: savedTags,
        summary: 'A saved reply ready for this conversation: its language’s variant with the placeholders filled',
        params: z.strictObject({ conversationId: id, replyId: id }),
        response: { 200: renderedSavedReply, ...errors },
      },
    },
    async (request) =>
      renderSavedReply(services.db, workspaceContext(request), request.params.conversationId, request.params.replyId),
  );
}
