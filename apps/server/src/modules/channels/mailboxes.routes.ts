import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelMailbox, errorResponse, id, putChannelMailboxInput } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { deleteMailbox, getMailbox, putMailbox } from './mailboxes.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const params = z.strictObject({ channelId: id });

/** An email channel's IMAP mailbox (settings and poll state) under /api/v1/channels/{id}/imap. */
export function registerMailboxRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const workspace = { auth: 'workspace' } as const;

  app.get(
    '/channels/:channelId/imap',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'The IMAP mailbox an email channel polls, without its password, and the poller’s state (owners and admins)',
        description:
          '`state`: `connecting` (not polled since the settings changed), `connected`, `failing` (see `lastError.code`: ' +
          '`imap_auth_failed`, `imap_unreachable`, `imap_tls_failed`, `imap_folder_not_found`, `imap_error`, ' +
          '`message_not_stored`), `disabled`.',
        params,
        response: { 200: channelMailbox, ...errors },
      },
    },
    async (request) => getMailbox(services.db, workspaceContext(request), request.params.channelId),
  );

  app.put(
    '/channels/:channelId/imap',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'Poll an existing IMAP mailbox for the channel’s mail, or change its settings (owners and admins)',
        description:
          'The mailbox is polled at once, then every `pollIntervalSeconds` (longer after failures). Mail on the server ' +
          'is left untouched (the folder is opened read-only). `password` is required the first time; left out later, ' +
          'the stored one stays. Another host, port, user or folder is read from its first message; what was filed ' +
          'before is recognised by its Message-ID.',
        params,
        body: putChannelMailboxInput,
        response: { 200: channelMailbox, ...errors },
      },
    },
    async (request) => putMailbox(services.db, workspaceContext(request), request.params.channelId, request.body),
  );

  app.delete(
    '/channels/:channelId/imap',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'Stop polling the channel’s mailbox and forget its settings (owners and admins)',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteMailbox(services.db, workspaceContext(request), request.params.channelId);
      return reply.status(204).send(null);
    },
  );
}
