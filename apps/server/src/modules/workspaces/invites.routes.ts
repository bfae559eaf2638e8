import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInviteInput,
  createdInvite,
  createInviteInput,
  cursorQuery,
  errorResponse,
  id,
  invite,
  invitePreview,
  me,
  page,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { acceptInvite, createInvite, listInvites, previewInvite, revokeInvite } from './invites.js';
import { managerRoles } from './workspaces.policy.js';
import { startSession } from '../auth/auth.routes.js';

const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  410: errorResponse,
};
const tags = ['Invites'];

export function registerInviteRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/invites',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: { tags, summary: 'Invites, newest first', querystring: cursorQuery, response: { 200: page(invite), ...errors } },
    },
    async (request) => listInvites(services.db, workspaceContext(request), request.query),
  );

  app.post(
    '/invites',
    {
      config: { auth: 'workspace', roles: managerRoles, secretResponse: true },
      schema: {
        tags,
        summary: 'Invite a person; the link in the response is shown only once',
        body: createInviteInput,
        response: { 201: createdInvite, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInvite(services.db, workspaceContext(request), request.body, services.config.publicUrl)),
  );

  app.delete(
    '/invites/:inviteId',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags,
        summary: 'Revoke a pending invite',
        params: z.strictObject({ inviteId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeInvite(services.db, workspaceContext(request), request.params.inviteId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invites/preview',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'What an invite link is for (public; the token is the credential)',
        querystring: z.strictObject({ token: z.string().min(1).max(200) }),
        response: { 200: invitePreview, ...errors },
      },
    },
    async (request) => previewInvite(services.db, request.query.token),
  );

  app.post(
    '/invites/accept',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Accept an invite and sign in', body: acceptInviteInput, response: { 200: me, ...errors } },
    },
    async (request, reply) => {
      const person = await acceptInvite(services.db, request.body);
      return startSession(services, request, reply, person);
    },
  );
}
