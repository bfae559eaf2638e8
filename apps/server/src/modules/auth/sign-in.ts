import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { SignInInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { decoyPasswordHash, verifyPassword } from '../../platform/passwords.js';
import * as repo from './auth.repo.js';
import { createSession, type NewSession } from './sessions.js';

/** Failed sign-ins allowed per email and per client address before a pause. */
export const signInLimits = {
  perEmail: { limit: 10, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  perAddress: { limit: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
} as const;

async function assertNotLocked(db: Kysely<DB>, keys: string[]): Promise<void> {
  for (const key of keys) {
    const throttle = await repo.findThrottle(db, key);
    const until = throttle?.locked_until?.getTime() ?? 0;
    if (until > Date.now()) {
      // Same answer whether or not the email has an account.
      throw new AppError('too_many_attempts', 'Too many failed sign-ins. Try again later.', {
        retryAfterSeconds: Math.ceil((until - Date.now()) / 1000),
      });
    }
  }
}

/**
 * Checks an email and password and starts a session. Throws
 * invalid_credentials without saying which part was wrong, and
 * too_many_attempts while the email or the client address is paused.
 */
export async function signIn(
  db: Kysely<DB>,
  input: SignInInput,
  client: { ip: string; userAgent?: string; sessionTtlHours: number },
): Promise<NewSession & { userId: string }> {
  const emailKey = `email:${input.email.toLowerCase()}`;
  const addressKey = `ip:${client.ip}`;
  await assertNotLocked(db, [emailKey, addressKey]);
  const user = await repo.findUserByEmail(db, input.email);
  // Verify against a decoy when there is no such user, so the time taken does not tell.
  const valid = await verifyPassword(input.password, user?.password_hash ?? decoyPasswordHash);
  if (!user || !valid) {
    await repo.recordThrottleFailure(db, emailKey, signInLimits.perEmail);
    await repo.recordThrottleFailure(db, addressKey, signInLimits.perAddress);
    await assertNotLocked(db, [emailKey, addressKey]);
    throw new AppError('invalid_credentials', 'The email or the password is not right.');
  }
  await repo.clearThrottle(db, emailKey);
  const session = await createSession(db, {
    userId: user.id,
    ttlHours: client.sessionTtlHours,
    ip: client.ip,
    ...(client.userAgent ? { userAgent: client.userAgent } : {}),
  });
  return { ...session, userId: user.id };
}
