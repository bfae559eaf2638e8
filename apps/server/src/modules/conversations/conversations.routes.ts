import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  channel,
  conversation,
  conversationListQuery,
  createChannelInput,
  createMessageInput,
  createTeamInput,
  cursorQuery,
  errorResponse,
  id,
  message,
  page,
  team,
  updateChannelInput,
  updateConversationInput,
  updateTeamInput,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { createChannel, listChannels, updateChannel } from '../channels/channels.js';
import { createMessage } from './create-message.js';
import { getConversation, listConversations, listMessages } from './list-conversations.js';
import { updateConversation } from './update-conversation.js';
import { createTeam, deleteTeam, listTeams, updateTeam } from './teams.js';
import { getAttachment, getMessageDocument, messageDocumentPolicy } from './message-html.js';
import { FileStore } from '../../platform/file-store.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const conversationParams = z.strictObject({ conversationId: id });

/** Channels, teams, conversations and their messages under /api/v1. */
export function registerConversationRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const workspace = { auth: 'workspace' } as const;
  const files = new FileStore(services.config.database.dataDir);

  app.get(
    '/channels',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'The workspace’s channels',
        response: { 200: z.object({ items: z.array(channel) }), ...errors },
      },
    },
    async (request) => ({ items: await listChannels(services.db, workspaceContext(request)) }),
  );
  app.post(
    '/channels',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'Add a channel: an email address whose mail becomes conversations (owners and admins)',
        description: 'The address must not receive mail for another channel (`channel_address_taken`).',
        body: createChannelInput,
        response: { 201: channel, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createChannel(services.db, workspaceContext(request), request.body)),
  );

  app.patch(
    '/channels/:channelId',
    {
      config: workspace,
      schema: {
        tags: ['Channels'],
        summary: 'Rename a channel, or replace its settings (sender name, automatic acknowledgement) or team',
        params: z.strictObject({ channelId: id }),
        body: updateChannelInput,
        response: { 200: channel, ...errors },
      },
    },
    async (request) => updateChannel(services.db, workspaceContext(request), request.params.channelId, request.body),
  );

  app.get(
    '/teams',
    {
      config: workspace,
      schema: {
        tags: ['Teams'],
        summary: 'Teams with their members',
        response: { 200: z.object({ items: z.array(team) }), ...errors },
      },
    },
    async (request) => ({ items: await listTeams(services.db, workspaceContext(request)) }),
  );
  app.post(
    '/teams',
    {
      config: workspace,
      schema: {
        tags: ['Teams'],
        summary: 'Create a team (owners and admins)',
        body: createTeamInput,
        response: { 201: team, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createTeam(services.db, workspaceContext(request), request.body)),
  );
  app.patch(
    '/teams/:teamId',
    {
      config: workspace,
      schema: {
        tags: ['Teams'],
        summary: 'Rename a team or replace its members',
        params: z.strictObject({ teamId: id }),
        body: updateTeamInput,
        response: { 200: team, ...errors },
      },
    },
    async (request) => updateTeam(services.db, workspaceContext(request), request.params.teamId, request.body),
  );
  app.delete(
    '/teams/:teamId',
    {
      config: workspace,
      schema: {
        tags: ['Teams'],
        summary: 'Delete a team',
        params: z.strictObject({ teamId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteTeam(services.db, workspaceContext(request), request.params.teamId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/conversations',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'The inbox: conversations of a view and status, soonest due first',
        description:
          '`view`: mine (assigned to you), unassigned, all. `status` defaults to open; `active` is open, pending and snoozed.',
        querystring: conversationListQuery,
        response: { 200: page(conversation), ...errors },
      },
    },
    async (request) => listConversations(services.db, workspaceContext(request), request.query),
  );
  app.get(
    '/conversations/:conversationId',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'One conversation',
        params: conversationParams,
        response: { 200: conversation, ...errors },
      },
    },
    async (request) => getConversation(services.db, workspaceContext(request), request.params.conversationId),
  );
  app.patch(
    '/conversations/:conversationId',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'Change status (snooze until a time), priority, assignee, team, language, subject, summary or tags',
        params: conversationParams,
        body: updateConversationInput,
        response: { 200: conversation, ...errors },
      },
    },
    async (request) => updateConversation(services.db, workspaceContext(request), request.params.conversationId, request.body),
  );
  app.get(
    '/conversations/:conversationId/messages',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'Messages and notes, oldest first',
        params: conversationParams,
        querystring: cursorQuery,
        response: { 200: page(message), ...errors },
      },
    },
    async (request) => listMessages(services.db, workspaceContext(request), request.params.conversationId, request.query),
  );
  app.post(
    '/conversations/:conversationId/messages',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'Reply to the customer (sent through the channel, retried until sent) or add an internal note',
        description:
          '`attachmentIds`: files uploaded with `POST /conversations/{conversationId}/attachments` and not sent yet ' +
          '(`unknown_attachment`, `attachment_already_sent`), together at most the size of an email ' +
          '(`attachment_too_large`); a reply on a channel that cannot carry files (chat) is refused with ' +
          '`channel_cannot_send_attachments`. A note’s attachments stay internal.',
        params: conversationParams,
        body: createMessageInput,
        response: { 201: message, ...errors, 413: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createMessage(services.db, workspaceContext(request), request.params.conversationId, request.body, {
          maxAttachmentBytes: services.config.mail.maxMessageBytes,
        }),
      ),
  );

  const messageParams = z.strictObject({ messageId: id });
  app.get(
    '/messages/:messageId/html',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'A message’s sanitized HTML as a document for a sandboxed frame',
        description:
          'Served with a Content-Security-Policy that sandboxes it and allows no script; inline images are embedded. ' +
          'Remote images stay disabled unless `images=show`; the quoted history under a reply (the message’s ' +
          '`hasQuotedHistory`) is folded away unless `quoted=show`.',
        params: messageParams,
        querystring: z.strictObject({
          images: z.enum(['show', 'hide']).default('hide'),
          quoted: z.enum(['show', 'hide']).default('hide'),
        }),
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const remoteImages = request.query.images === 'show';
      const document = await getMessageDocument(services.db, files, workspaceContext(request), request.params.messageId, {
        remoteImages,
        quotedHistory: request.query.quoted === 'show',
      });
      return reply
        .header('content-security-policy', messageDocumentPolicy(remoteImages))
        .header('cache-control', 'private, no-store')
        .type('text/html; charset=utf-8')
        .send(document);
    },
  );
  app.get(
    '/messages/:messageId/attachments/:attachmentId',
    {
      config: workspace,
      schema: {
        tags: ['Conversations'],
        summary: 'Download an attachment',
        description: 'Always as a download (Content-Disposition: attachment), never rendered by the browser.',
        params: z.strictObject({ messageId: id, attachmentId: id }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { attachment, content } = await getAttachment(
        services.db,
        files,
        workspaceContext(request),
        request.params.messageId,
        request.params.attachmentId,
      );
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('content-length', String(attachment.size))
        .type('application/octet-stream')
        .send(content);
    },
  );
}
