import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiToken, createApiTokenInput, createdApiToken, cursorQuery, errorResponse, id, page } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { managerRoles } from './workspaces.policy.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const tags = ['API tokens'];

export function registerApiTokenRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api-tokens',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: { tags, summary: 'Active API tokens', querystring: cursorQuery, response: { 200: page(apiToken), ...errors } },
    },
    async (request) => listApiTokens(services.db, workspaceContext(request), request.query),
  );

  app.post(
    '/api-tokens',
    {
      config: { auth: 'workspace', roles: managerRoles, secretResponse: true },
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only once',
        body: createApiTokenInput,
        response: { 201: createdApiToken, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(services.db, workspaceContext(request), request.body)),
  );

  app.delete(
    '/api-tokens/:tokenId',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.strictObject({ tokenId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeApiToken(services.db, workspaceContext(request), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
}
