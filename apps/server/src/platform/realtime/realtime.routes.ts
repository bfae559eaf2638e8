import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { Role } from '@rapport/db';
import { maxRealtimeFrameBytes } from '@rapport/contracts';
import { AppError, isAppError } from '../errors.js';
import { sessionCookie, type Authentication, type Authenticator } from '../http/authentication.js';
import type { Services } from '../services.js';
import { RealtimeHub, type RealtimeMember, type RealtimeOptions } from './realtime-hub.js';
import { isAllowedOrigin } from './realtime.policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's WebSocket hub (GET /api/v1/realtime). */
    realtime: RealtimeHub;
  }
}

export const realtimePath = '/api/v1/realtime';

// Frames between the 64 KB limit and this get a `frame_too_large` answer; beyond it ws closes with 1009
// without buffering more.
const maxPayloadBytes = 16 * maxRealtimeFrameBytes;

/**
 * Mounts `GET /api/v1/realtime` on the app and starts the hub behind it
 * (`app.realtime`). The upgrade needs a workspace member: an API token
 * (`Authorization: Bearer`) or the session cookie from a page of the app's
 * own origin. Before upgrading it answers unauthenticated/session_expired
 * (401), forbidden or origin_not_allowed (403), and upgrade_required (426)
 * to plain HTTP. Closing the app closes the sockets with 1001.
 */
export async function installRealtime(
  app: FastifyInstance,
  services: Services,
  authenticator: Authenticator,
  options: Partial<RealtimeOptions> = {},
): Promise<void> {
  const hub = new RealtimeHub(
    { db: services.db, database: services.database, events: services.events, logger: services.logger },
    options,
  );
  await hub.start();
  app.decorate('realtime', hub);
  // Added before the plugin's own preClose (which closes without a code): sockets hear 1001, going away.
  app.addHook('preClose', async () => hub.close());
  // The plugin marks upgrade requests in an onRequest hook that runs after authentication's: a
  // refused upgrade (401/403) would keep its socket open, and an app with it could not close.
  app.addHook('onResponse', async (request) => {
    if (request.headers.upgrade !== undefined) request.raw.socket.destroy();
  });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: maxPayloadBytes },
    errorHandler: (error, socket, request) => {
      // Protocol errors come from the client (bad framing, over maxPayload): not ours to alarm about.
      request.log.info({ err: error }, 'websocket error');
      socket.terminate();
    },
  });

  app.route({
    method: 'GET',
    url: realtimePath,
    config: { auth: 'workspace' },
    schema: { hide: true },
    onRequest: async (request) => {
      const auth = request.authentication;
      // A plain HTTP request is answered upgrade_required below and opens nothing.
      if (auth?.method !== 'session' || !request.ws) return;
      const own = { publicUrl: services.config.publicUrl, protocol: request.protocol, host: request.host };
      if (!isAllowedOrigin(request.headers.origin, own)) {
        throw new AppError('origin_not_allowed', 'A session may open the WebSocket only from Rapport’s own pages.');
      }
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'This endpoint speaks WebSocket: send an Upgrade: websocket request.');
    },
    wsHandler: (socket, request) => hub.accept(socket, memberOf(request, authenticator)),
  });
}

/** The socket's member, with a re-check that authenticates its credentials again (through the sign-in caches). */
function memberOf(request: FastifyRequest, authenticator: Authenticator): RealtimeMember {
  const auth = request.authentication;
  if (!auth?.workspaceId || !auth.role) throw new AppError('forbidden', 'You are not a member of any workspace.');
  const workspaceId = auth.workspaceId;
  let authenticate: () => Promise<Authentication>;
  let accessTags: string[];
  if (auth.method === 'session') {
    const token = request.cookies[sessionCookie] ?? '';
    authenticate = () => authenticator.authenticateSession(token, request);
    accessTags = [`session:${auth.sessionId}`, `user:${auth.userId}`];
  } else {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    authenticate = () => authenticator.authenticateApiToken(token);
    accessTags = [`token:${auth.tokenId}`];
  }
  return {
    workspaceId,
    userId: auth.method === 'session' ? (auth.userId ?? null) : null,
    role: auth.role,
    accessTags,
    checkAccess: async (): Promise<Role | null> => {
      try {
        const now = await authenticate();
        return now.workspaceId === workspaceId && now.role ? now.role : null;
      } catch (error) {
        // unauthenticated / session_expired: the credentials are gone. Anything else is a failed lookup.
        if (isAppError(error)) return null;
        throw error;
      }
    },
  };
}
