import type { FastifyInstance } from 'fastify';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import {
  agentTypingInput,
  chatChannelSettings,
  chatVisitorInfo,
  chatWidgetSetup,
  emailTranscriptInput,
  errorResponse,
  id,
  markReadInput,
  transcriptQueued,
  widgetConfig,
  widgetErrorCode,
  widgetInvalidTokenCloseCode,
  widgetSession,
  widgetSessionInput,
  type WidgetServerFrame,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { FileStore } from '../../platform/file-store.js';
import { isAllowedOrigin } from '../../platform/realtime/realtime.policy.js';
import { channelAvailability } from './availability.js';
import { announceAgentTyping, markReadByAgent } from './chat-messages.js';
import { emailTranscript } from './email-transcript.js';
import { getConversationVisitor, presentVisitor, startSession } from './visitors.js';
import { findWidget, verifyVisitorToken, widgetKeyOfToken, type Widget } from './widget-keys.js';
import { WidgetHub, type WidgetHubOptions } from './widget-hub.js';
import { widgetConfigFor, widgetSetup } from './widget-setup.js';

const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  429: errorResponse,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's live-chat hub (GET /api/v1/widget/socket). */
    widgetHub: WidgetHub;
  }
}

/** Live chat under /api/v1: the widget's public endpoints and socket, and the agent side. */
export function registerChatRoutes(api: FastifyInstance, services: Services, options: Partial<WidgetHubOptions> = {}): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const hub = new WidgetHub(
    {
      db: services.db,
      database: services.database,
      events: services.events,
      files: new FileStore(services.config.database.dataDir),
      config: services.config,
      logger: services.logger,
    },
    options,
  );
  api.decorate('widgetHub', hub);
  api.addHook('onReady', () => hub.start());
  api.addHook('preClose', () => hub.close());
  const limits = services.config.widget;
  const sessionsPerAddress = new RateLimiterMemory({ points: limits.sessionsPerMinute, duration: 60 });
  const socketsPerAddress = new RateLimiterMemory({ points: limits.connectionsPerMinute, duration: 60 });
  const publicRoute = { auth: 'public' } as const;
  const workspace = { auth: 'workspace' } as const;
  const tags = ['Live chat'];

  /**
   * A browser names the page a request comes from (Origin). When the channel lists the sites allowed to embed the
   * widget, only Rapport's own pages (the iframe app) and those sites may start visitors and open their sockets: a
   * page of another site is refused as unknown_widget, as if the key were wrong. Requests without Origin (servers,
   * a same-origin GET) are left to the other checks: a browser page cannot leave it out.
   */
  function isAllowedPage(widget: Widget, request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    const allowed = chatChannelSettings.parse(widget.channel.settings).allowedOrigins.map((url) => new URL(url).origin);
    if (allowed.length === 0) return true;
    const own = { publicUrl: services.config.publicUrl, protocol: request.protocol, host: request.host };
    return isAllowedOrigin(origin, own) || allowed.includes(origin);
  }
  const pageRefused = 'This chat widget may not be used from this site.';

  async function limit(limiter: RateLimiterMemory, key: string): Promise<number | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.msBeforeNext;
      throw error;
    }
  }

  app.get(
    '/widget/config',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'The widget’s look, greeting and availability (public)',
        description: 'For the widget on the customer’s site: `key` from the snippet, `lang` the visitor’s language.',
        querystring: z.strictObject({ key: z.string().min(1).max(100), lang: z.string().max(35).optional() }),
        response: { 200: widgetConfig, ...errors },
      },
    },
    async (request, reply) => {
      const widget = await findWidget(services.db, request.query.key);
      const availability = await channelAvailability(services.db, widget.channel);
      // Short: availability changes as agents come and go.
      reply.header('cache-control', 'public, max-age=15');
      return widgetConfigFor(widget, request.query.lang ?? null, availability);
    },
  );

  app.post(
    '/widget/sessions',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'Start or resume a visitor (public, rate-limited per address)',
        description:
          'Answers a visitor token for the socket. Pass the token kept from an earlier visit to resume; a signed ' +
          '`identity` (HMAC-SHA256 of `externalId`, or else `email`, with the widget’s identity secret, hex) names a ' +
          'signed-in user of the site. Errors: `unknown_widget` (also for a browser page whose Origin is neither ' +
          'Rapport’s nor one of the channel’s `allowedOrigins`, when it lists any), `invalid_visitor_token`, ' +
          '`invalid_identity_signature`, `rate_limited` (429, details.retryAfterMs).',
        body: widgetSessionInput,
        response: { 200: widgetSession, ...errors },
      },
    },
    async (request) => {
      const wait = await limit(sessionsPerAddress, request.ip);
      if (wait !== null)
        throw new AppError('rate_limited', 'Too many new chat sessions from this address.', { retryAfterMs: wait });
      if (!isAllowedPage(await findWidget(services.db, request.body.key), request))
        throw new AppError('unknown_widget', pageRefused);
      const session = await startSession(services.db, { ...request.body, userAgent: request.headers['user-agent'] ?? null });
      return { visitorToken: session.visitorToken, visitor: presentVisitor(session.visitor) };
    },
  );

  app.route({
    method: 'GET',
    url: '/widget/socket',
    config: publicRoute,
    schema: { hide: true, querystring: z.object({ token: z.string().max(500).default('') }) },
    handler: async () => {
      throw new AppError('upgrade_required', 'This endpoint speaks WebSocket: send an Upgrade: websocket request.');
    },
    // The handshake always completes, so the widget can read why it is refused: a browser sees nothing of a failed one.
    wsHandler: (socket, request) => {
      const refuse = (code: z.infer<typeof widgetErrorCode>, message: string, closeCode: number, retryAfterMs?: number) => {
        socket.send(
          JSON.stringify({ type: 'error', code, message, ...(retryAfterMs ? { retryAfterMs } : {}) } satisfies WidgetServerFrame),
        );
        socket.close(closeCode, code);
      };
      void (async () => {
        const wait = await limit(socketsPerAddress, request.ip);
        if (wait !== null) return refuse('rate_limited', 'Too many connections from this address.', 1013, wait);
        const token = (request.query as { token?: string }).token ?? '';
        try {
          const key = widgetKeyOfToken(token);
          if (!key) throw new AppError('invalid_visitor_token', 'The visitor token is not valid.');
          const widget = await findWidget(services.db, key);
          // Refused before the token is read; the widget answers 4401 with a new session, refused as unknown_widget.
          if (!isAllowedPage(widget, request)) return refuse('unknown_widget', pageRefused, widgetInvalidTokenCloseCode);
          const visitorId = verifyVisitorToken(widget, token);
          const visitor = await services.db
            .selectFrom('chat_visitors')
            .selectAll()
            .where('workspace_id', '=', widget.channel.workspace_id)
            .where('id', '=', visitorId)
            .where('channel_id', '=', widget.channel.id)
            .executeTakeFirst();
          if (!visitor) throw new AppError('invalid_visitor_token', 'The visitor token names no visitor any more.');
          hub.accept(socket, widget, visitor, request.ip);
        } catch (error) {
          if (isAppError(error) && (error.code === 'invalid_visitor_token' || error.code === 'unknown_widget'))
            return refuse('invalid_visitor_token', error.message, widgetInvalidTokenCloseCode);
          request.log.error({ err: error }, 'could not open a widget socket');
          socket.close(1011, 'internal error');
        }
      })();
    },
  });

  // --- Agent side ---

  app.get(
    '/channels/:channelId/widget',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'The snippet and keys of a chat channel (owners and admins)',
        params: z.strictObject({ channelId: id }),
        response: { 200: chatWidgetSetup, ...errors },
      },
    },
    async (request) => widgetSetup(services.db, workspaceContext(request), request.params.channelId, services.config.publicUrl),
  );

  const conversationParams = z.strictObject({ conversationId: id });
  app.get(
    '/conversations/:conversationId/visitor',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'The chat visitor of a conversation: page, local time, language, online',
        params: conversationParams,
        response: { 200: chatVisitorInfo, ...errors },
      },
    },
    async (request) => getConversationVisitor(services.db, workspaceContext(request), request.params.conversationId),
  );
  app.post(
    '/conversations/:conversationId/typing',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Tell the chat visitor and colleagues that you are typing (send every few seconds), or stopped',
        params: conversationParams,
        body: agentTypingInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await announceAgentTyping(services.db, workspaceContext(request), request.params.conversationId, request.body.typing);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/conversations/:conversationId/read',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Mark the customer’s messages read up to one (a read receipt for the chat visitor)',
        description: 'Records `conversation.read` ({ by: "agent", upTo }) when it moves the receipt forward.',
        params: conversationParams,
        body: markReadInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await markReadByAgent(services.db, workspaceContext(request), request.params.conversationId, request.body.upTo);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/conversations/:conversationId/transcript',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Email a chat’s transcript to the customer (or to `email`)',
        description:
          'Queues every message so far (never internal notes) by email from the workspace’s first email channel, in ' +
          'the visitor’s language and time zone. Without `email`, to the customer’s email, else the one the visitor ' +
          'left in the chat. Errors: `not_a_chat_conversation` (409, another channel), `email_required` (409, no ' +
          'address known), `no_email_channel` (409, nothing to send from), `not_found`.',
        params: conversationParams,
        body: emailTranscriptInput,
        response: { 202: transcriptQueued, ...errors },
      },
    },
    async (request, reply) => {
      const queued = await emailTranscript(services.db, workspaceContext(request), request.params.conversationId, request.body);
      return reply.status(202).send(queued);
    },
  );
}
