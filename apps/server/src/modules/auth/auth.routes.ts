import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordInput,
  errorResponse,
  me,
  signInInput,
  switchWorkspaceInput,
  updateProfileInput,
  user,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { sessionCookie, sessionOf } from '../../platform/http/authentication.js';
import { AppError } from '../../platform/errors.js';
import { signIn } from './sign-in.js';
import { getMe } from './get-me.js';
import { changePassword, updateProfile } from './update-profile.js';
import { deleteSession, setSessionWorkspace } from './auth.repo.js';
import { findMembership } from '../workspaces/workspaces.repo.js';
import { createSession, type NewSession } from './sessions.js';
import { authCaches } from './auth-caches.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 429: errorResponse };

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https. */
export function setSessionCookie(reply: FastifyReply, services: Services, session: NewSession): void {
  void reply.setCookie(sessionCookie, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.cookieSecure,
    expires: session.expiresAt,
  });
}

/** Starts a session for a person who just proved who they are (setup, invite), sets the cookie, returns Me. */
export async function startSession(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  person: { userId: string; workspaceId: string },
) {
  const userAgent = request.headers['user-agent'];
  const session = await createSession(services.db, {
    ...person,
    ttlHours: services.config.sessionTtlHours,
    ip: request.ip,
    ...(userAgent ? { userAgent } : {}),
  });
  setSessionCookie(reply, services, session);
  return meForNewSession(services, request, { ...session, userId: person.userId });
}

/** Builds the Me response for a session just created (sign-in, setup, invite). */
export async function meForNewSession(services: Services, request: FastifyRequest, session: NewSession & { userId: string }) {
  const row = await services.db
    .selectFrom('sessions as s')
    .leftJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'))
    .select(['s.workspace_id', 'm.role'])
    .where('s.id', '=', session.sessionId)
    .executeTakeFirstOrThrow();
  void request;
  return getMe(services.db, authCaches(services.cacheHub), {
    method: 'session',
    sessionId: session.sessionId,
    userId: session.userId,
    workspaceId: row.workspace_id,
    role: row.role,
    csrfToken: session.csrfToken,
  });
}

export function registerAuthRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['Sessions and profile'];

  app.post(
    '/sessions',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Sign in with email and password', body: signInInput, response: { 200: me, ...errors } },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const session = await signIn(services.db, request.body, {
        ip: request.ip,
        sessionTtlHours: services.config.sessionTtlHours,
        ...(userAgent ? { userAgent } : {}),
      });
      setSessionCookie(reply, services, session);
      return meForNewSession(services, request, session);
    },
  );

  app.delete(
    '/sessions/current',
    { config: { auth: 'user' }, schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteSession(services.db, sessionOf(request).sessionId);
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sessions/current/workspace',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Switch the active workspace', body: switchWorkspaceInput, response: { 200: me, ...errors } },
    },
    async (request) => {
      const session = sessionOf(request);
      const membership = await findMembership(services.db, request.body.workspaceId, session.userId);
      if (!membership) throw new AppError('not_found', 'No such workspace among yours.');
      await setSessionWorkspace(services.db, session.sessionId, membership.workspace_id);
      return getMe(services.db, authCaches(services.cacheHub), {
        ...session,
        workspaceId: membership.workspace_id,
        role: membership.role,
      });
    },
  );

  app.get(
    '/me',
    {
      config: { auth: 'workspace' },
      schema: { tags, summary: 'The signed-in person and active workspace', response: { 200: me, ...errors } },
    },
    async (request) => getMe(services.db, authCaches(services.cacheHub), sessionOf(request)),
  );

  app.patch(
    '/me',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Update your profile', body: updateProfileInput, response: { 200: user, ...errors } },
    },
    async (request) => updateProfile(services.db, sessionOf(request).userId, request.body, String(request.id)),
  );

  app.post(
    '/me/password',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change your password', body: changePasswordInput, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await changePassword(services.db, sessionOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
}
