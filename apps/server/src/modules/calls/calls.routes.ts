import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { call, callListQuery, createCallInput, cursorQuery, errorResponse, id, page, updateCallInput } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { logCall } from './log-call.js';
import { updateCall } from './update-call.js';
import { getCall, listCalls, listConversationCalls } from './list-calls.js';
import './calls.timeline.js';
import './calls.privacy.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const callParams = z.strictObject({ callId: id });

/** Phone calls logged by agents, their notes (autosaved) and end, under /api/v1. */
export function registerCallRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const workspace = { auth: 'workspace' } as const;

  app.post(
    '/calls',
    {
      config: workspace,
      schema: {
        tags: ['Calls'],
        summary: 'Log a call you are making or taking',
        description:
          'The number may be in any format (national numbers are read in the workspace’s country). The customer is ' +
          '`customerId`, else the conversation’s, else the one with this phone number, else a new customer with it. The ' +
          'call joins `conversationId`, else a new conversation in the phone channel (created, named "Phone", when the ' +
          'workspace has none). Records `call.logged`.',
        body: createCallInput,
        response: { 201: call, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await logCall(services.db, workspaceContext(request), request.body)),
  );
  app.get(
    '/calls',
    {
      config: workspace,
      schema: {
        tags: ['Calls'],
        summary: 'Calls, newest first, of a customer and/or a conversation',
        querystring: callListQuery,
        response: { 200: page(call), ...errors },
      },
    },
    async (request) => listCalls(services.db, workspaceContext(request), request.query),
  );
  app.get(
    '/calls/:callId',
    {
      config: workspace,
      schema: { tags: ['Calls'], summary: 'One call', params: callParams, response: { 200: call, ...errors } },
    },
    async (request) => getCall(services.db, workspaceContext(request), request.params.callId),
  );
  app.patch(
    '/calls/:callId',
    {
      config: workspace,
      schema: {
        tags: ['Calls'],
        summary: 'Save the notes (autosave), end the call, set its duration or outcome',
        description:
          'Notes are saved only over the version they were based on (`notesVersion` from the last answer); otherwise ' +
          '`call_notes_conflict` (409) with the current `notes`, `notesVersion` and `notesSavedAt` in `details`. Notes ' +
          'saves record no event; ending the call, its duration or outcome record `call.updated`. Ending without a ' +
          'duration computes it from the start.',
        params: callParams,
        body: updateCallInput,
        response: { 200: call, ...errors },
      },
    },
    async (request) => updateCall(services.db, workspaceContext(request), request.params.callId, request.body),
  );
  app.get(
    '/conversations/:conversationId/calls',
    {
      config: workspace,
      schema: {
        tags: ['Calls'],
        summary: 'A conversation’s calls, newest first',
        params: z.strictObject({ conversationId: id }),
        querystring: cursorQuery,
        response: { 200: page(call), ...errors },
      },
    },
    async (request) =>
      listConversationCalls(services.db, workspaceContext(request), request.params.conversationId, request.query),
  );
}
