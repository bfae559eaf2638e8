import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import { errorBody, installErrorHandler } from './error-handler.js';
import { installAuthentication, sessionCookie, type Authenticator } from './authentication.js';
import { installIdempotency } from './idempotency.js';
import type { Services } from '../services.js';
import { installRealtime } from '../realtime/realtime.routes.js';
import type { RealtimeOptions } from '../realtime/realtime-hub.js';

export interface BuildAppOptions {
  config: Config;
  logger: Logger;
  services: Services;
  authenticator: Authenticator;
  /** Registers each module's routes under /api/v1. */
  routes: ((app: FastifyInstance, services: Services) => void)[];
  /** Built console to serve at / (default: apps/console/dist when it exists). */
  consoleDir?: string | null;
  /** Routes outside /api/v1 that modules serve (the chat widget's script and page). */
  rootRoutes?: ((app: FastifyInstance, services: Services) => Promise<void>)[];
  /** Heartbeat and access-check cadence of the WebSocket hub (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
}

const defaultConsoleDir = fileURLToPath(new URL('../../../../console/dist/', import.meta.url));
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP application: API, OpenAPI document and reference, health checks and the console. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, logger, services } = options;
  const app = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- types the app with Fastify's base logger, as plugins expect
    loggerInstance: logger as FastifyBaseLogger,
    // We write one line per finished request ourselves (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && requestIdPattern.test(sent) ? sent : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // One log line per finished request (Fastify's default writes two).
  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'info' : 'debug';
    request.log[level](
      {
        method: request.method,
        url: request.routeOptions.url ?? request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // Routes that serve their own policy (a message's sandboxed document) keep it.
    if (!request.url.startsWith('/api/v1/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      );
    }
    return payload;
  });

  await app.register(fastifyCookie);
  installAuthentication(app, options.authenticator);
  installIdempotency(app, services.db);
  await installRealtime(app, services, options.authenticator, options.realtime);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1',
        description:
          'REST API of Rapport. Authenticate with an API token (`Authorization: Bearer <token>`, created in Settings > API tokens) ' +
          'or, from the console, with the session cookie plus the `X-CSRF-Token` header on writes. Errors are ' +
          '`{ "error": { "code", "message", "details", "requestId" } }` with stable codes. List endpoints page with `?cursor=&limit=`. ' +
          'Send `Idempotency-Key` on POSTs that create something to make retries safe: a retry with the same key and request ' +
          'gets the first response again (`Idempotent-Replayed: true`) for 24 hours.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from Settings > API tokens.' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/v1/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null } as Record<string, unknown>,
    staticCSP: true,
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (services.lifecycle.stopping) return reply.status(503).send(errorBody('not_ready', 'shutting down', String(_request.id)));
    await sql`SELECT 1`.execute(services.db);
    return { status: 'ready', database: services.database.engine };
  });

  await app.register(
    async (api) => {
      for (const register of options.routes) register(api, services);
    },
    { prefix: '/api/v1' },
  );

  for (const install of options.rootRoutes ?? []) await install(app, services);

  const consoleDir = options.consoleDir === undefined ? defaultConsoleDir : options.consoleDir;
  const indexPath = consoleDir ? `${consoleDir}/index.html` : null;
  const hasConsole = indexPath !== null && existsSync(indexPath);
  if (hasConsole && consoleDir) {
    await app.register(fastifyStatic, { root: consoleDir, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  }
  const indexHtml = hasConsole && indexPath ? await readFile(indexPath, 'utf8') : null;
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || request.method !== 'GET' || indexHtml === null) {
      throw new AppError('not_found', `No route for ${request.method} ${path}.`);
    }
    // Hashed assets are immutable; a missing one is a real 404, not the app.
    if (path.startsWith('/assets/')) throw new AppError('not_found', `No file ${path}.`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
  return app;
}
