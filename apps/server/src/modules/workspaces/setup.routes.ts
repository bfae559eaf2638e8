import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { completeSetupInput, errorResponse, me, setupStatus } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { completeSetup, isSetupRequired } from './setup.js';
import { startSession } from '../auth/auth.routes.js';

export function registerSetupRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['Setup'];

  app.get(
    '/setup',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Whether first-run setup is still to be done', response: { 200: setupStatus } },
    },
    async () => ({ required: await isSetupRequired(services.db) }),
  );

  app.post(
    '/setup',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Create the first workspace and its owner (one time, with the printed setup link)',
        body: completeSetupInput,
        response: { 201: me, 400: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const person = await completeSetup(services.db, request.body);
      return reply.status(201).send(await startSession(services, request, reply, person));
    },
  );
}
