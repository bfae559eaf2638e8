import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { AppError } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import type { Authentication, Authenticator } from '../../platform/http/authentication.js';
import type { Executor } from '../../platform/context.js';
import * as repo from './auth.repo.js';
import { findApiTokenByHash, markApiTokenUsed } from '../workspaces/api-tokens.repo.js';
import { listUserWorkspaces } from '../workspaces/workspaces.repo.js';
import type { AuthCaches } from './auth-caches.js';

// Sessions slide: each use extends them, but at most this often, to keep reads cheap.
const touchEveryMs = 10 * 60 * 1000;
const tokenUseRecordEveryMs = 60 * 1000;

export interface NewSession {
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session for a person, in the given workspace or their first one. */
export async function createSession(
  db: Executor,
  options: { userId: string; workspaceId?: string | null; ttlHours: number; ip?: string; userAgent?: string },
): Promise<NewSession> {
  let workspaceId = options.workspaceId ?? null;
  if (workspaceId === null) workspaceId = (await listUserWorkspaces(db, options.userId))[0]?.id ?? null;
  const token = newSecret();
  const session: NewSession = {
    token,
    sessionId: newId(),
    csrfToken: newSecret(24),
    expiresAt: new Date(Date.now() + options.ttlHours * 3600_000),
  };
  await repo.insertSession(db, {
    id: session.sessionId,
    token_hash: hashSecret(token),
    user_id: options.userId,
    workspace_id: workspaceId,
    csrf_token: session.csrfToken,
    ip: options.ip ?? null,
    user_agent: options.userAgent?.slice(0, 400) ?? null,
    expires_at: session.expiresAt,
  });
  return session;
}

/** Checks session cookies and API tokens against the database, through the process's caches. */
export function createAuthenticator(db: Kysely<DB>, caches: AuthCaches, options: { sessionTtlHours: number }): Authenticator {
  return {
    async authenticateSession(token: string, _request: FastifyRequest): Promise<Authentication> {
      const session = await caches.sessions.getOrLoad(hashSecret(token), async () => {
        const row = await repo.findSessionByTokenHash(db, hashSecret(token));
        return row ? { value: row, tags: [`session:${row.id}`, `user:${row.user_id}`] } : undefined;
      });
      const now = Date.now();
      if (!session || session.expires_at.getTime() <= now) {
        throw new AppError('session_expired', 'The session has ended. Sign in again.');
      }
      if (now - session.last_seen_at.getTime() > touchEveryMs) {
        const expiresAt = new Date(now + options.sessionTtlHours * 3600_000);
        await repo.touchSession(db, session.id, expiresAt);
        session.last_seen_at = new Date(now);
        session.expires_at = expiresAt;
      }
      return {
        method: 'session',
        sessionId: session.id,
        userId: session.user_id,
        workspaceId: session.role ? session.workspace_id : null,
        role: session.role,
        csrfToken: session.csrf_token,
      };
    },
    async authenticateApiToken(token: string): Promise<Authentication> {
      const row = await caches.apiTokens.getOrLoad(hashSecret(token), async () => {
        const found = await findApiTokenByHash(db, hashSecret(token));
        return found ? { value: found, tags: [`token:${found.id}`] } : undefined;
      });
      const now = Date.now();
      if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now)) {
        throw new AppError('unauthenticated', 'The API token is unknown, revoked or expired.');
      }
      if (!row.last_used_at || now - row.last_used_at.getTime() > tokenUseRecordEveryMs) {
        await markApiTokenUsed(db, row.workspace_id, row.id);
        row.last_used_at = new Date(now);
      }
      return { method: 'api_token', tokenId: row.id, workspaceId: row.workspace_id, role: row.role };
    },
  };
}
