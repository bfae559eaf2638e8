import { sql } from 'kysely';
import type { Role, Session, User } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { invalidateCache } from '../../platform/cache.js';

/** SQL for people, sessions and sign-in throttling (global tables, not per workspace). */

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUser(db: Executor, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  values: { id: string; email: string; name: string; password_hash: string; locale: string; time_zone: string },
): Promise<User> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: Executor,
  userId: string,
  values: {
    name?: string;
    locale?: string;
    languages?: string[];
    time_zone?: string;
    working_hours?: string;
    password_hash?: string;
  },
): Promise<User | undefined> {
  const user = await db
    .updateTable('users')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  await invalidateCache(db, `user:${userId}`);
  return user;
}

export async function insertSession(db: Executor, values: Omit<Session, 'created_at' | 'last_seen_at'>): Promise<void> {
  await db.insertInto('sessions').values(values).execute();
}

/** A session with the role its person has in the session's active workspace (null if none). */
export interface SessionWithRole {
  id: string;
  user_id: string;
  workspace_id: string | null;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  role: Role | null;
}

export async function findSessionByTokenHash(db: Executor, tokenHash: string): Promise<SessionWithRole | undefined> {
  return db
    .selectFrom('sessions as s')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select(['s.id', 's.user_id', 's.workspace_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'm.role'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function setSessionWorkspace(db: Executor, sessionId: string, workspaceId: string | null): Promise<void> {
  await db.updateTable('sessions').set({ workspace_id: workspaceId }).where('id', '=', sessionId).execute();
  await invalidateCache(db, `session:${sessionId}`);
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  await invalidateCache(db, `session:${sessionId}`);
}

/** Signs a person out everywhere but the given session (after a password change). */
export async function deleteOtherSessions(db: Executor, userId: string, keepSessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
  await invalidateCache(db, `user:${userId}`);
}

export async function findThrottle(db: Executor, key: string) {
  return db.selectFrom('auth_throttles').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Counts one failure for the key within a sliding window; locks it once `limit` is reached. */
export async function recordThrottleFailure(
  db: Executor,
  key: string,
  options: { windowSeconds: number; limit: number; lockSeconds: number },
): Promise<void> {
  const window = `${options.windowSeconds} seconds`;
  const lock = `${options.lockSeconds} seconds`;
  await sql`
    INSERT INTO auth_throttles AS t (key, failures, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - ${window}::interval THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - ${window}::interval THEN now() ELSE t.window_started_at END,
      locked_until = CASE
        WHEN t.window_started_at >= now() - ${window}::interval AND t.failures + 1 >= ${options.limit}
        THEN now() + ${lock}::interval ELSE t.locked_until END`.execute(db);
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttles').where('key', '=', key).execute();
}
