import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@rapport/db';
import { AppError } from '../errors.js';
import type { WorkspaceContext } from '../context.js';
import { safeEqual } from '../ids.js';

export const sessionCookie = 'rapport_session';

/** Who made a request, as established from its cookie or bearer token. */
export type Authentication =
  | {
      method: 'session';
      sessionId: string;
      userId: string;
      workspaceId: string | null;
      role: Role | null;
      csrfToken: string;
    }
  | { method: 'api_token'; tokenId: string; workspaceId: string; role: Role };

/** Turns credentials into an Authentication; implemented by the auth module. */
export interface Authenticator {
  /** Throws session_expired for an unknown or expired session. */
  authenticateSession(token: string, request: FastifyRequest): Promise<Authentication>;
  /** Throws unauthenticated for an unknown, revoked or expired token. */
  authenticateApiToken(token: string): Promise<Authentication>;
}

/** Who may call a route: anyone, any signed-in person, or a member of the active workspace. */
export type AuthLevel = 'public' | 'user' | 'workspace';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
    /** Roles allowed on a `workspace` route (default: all). */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    authentication: Authentication | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every /api request before its body is read: a bearer token
 * (integrators) or the session cookie (the console). Cookie-authenticated
 * writes must carry X-CSRF-Token matching the session's token.
 */
export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('authentication', null);
  app.addHook('onRequest', async (request) => {
    const level = request.routeOptions.config.auth;
    if (level === undefined || level === 'public') return;
    const header = request.headers.authorization;
    let auth: Authentication;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
      auth = await authenticator.authenticateApiToken(match[1]);
    } else {
      const token = request.cookies[sessionCookie];
      if (!token)
        throw new AppError('unauthenticated', 'Sign in first, or send an API token as "Authorization: Bearer <token>".');
      auth = await authenticator.authenticateSession(token, request);
      if (auth.method === 'session' && !safeMethods.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
          throw new AppError('csrf_failed', 'Cookie-authenticated writes need the X-CSRF-Token header from GET /api/v1/me.');
        }
      }
    }
    request.authentication = auth;
    if (level === 'workspace') {
      if (!auth.workspaceId || !auth.role) throw new AppError('forbidden', 'You are not a member of any workspace.');
      const roles = request.routeOptions.config.roles;
      if (roles && !roles.includes(auth.role))
        throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
    }
  });
}

/** The workspace context of an authenticated request on a `workspace` route. */
export function workspaceContext(request: FastifyRequest): WorkspaceContext {
  const auth = request.authentication;
  if (!auth?.workspaceId || !auth.role) throw new AppError('forbidden', 'You are not a member of any workspace.');
  return {
    workspaceId: auth.workspaceId,
    role: auth.role,
    actor: auth.method === 'session' ? { type: 'user', id: auth.userId } : { type: 'api_token', id: auth.tokenId },
    requestId: String(request.id),
  };
}

/** The signed-in person's id (session routes); throws unauthenticated otherwise. */
export function sessionOf(request: FastifyRequest): Extract<Authentication, { method: 'session' }> {
  const auth = request.authentication;
  if (auth?.method !== 'session')
    throw new AppError('unauthenticated', 'This needs a signed-in person (a session), not an API token.');
  return auth;
}
