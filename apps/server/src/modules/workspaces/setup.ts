import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { CompleteSetupInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { hashSecret, newId, newSecret, safeEqual } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordEvent } from '../../platform/events.js';
import { insertUser, findUserByEmail } from '../auth/auth.repo.js';
import { insertMembership, insertWorkspace } from './workspaces.repo.js';

const setupLinkHours = 24;

export async function isSetupRequired(db: Kysely<DB>): Promise<boolean> {
  const instance = await db.selectFrom('instance').select('setup_completed_at').executeTakeFirstOrThrow();
  return instance.setup_completed_at === null;
}

/**
 * Makes a fresh one-time setup link (valid 24 hours, replacing any earlier one)
 * while setup has not been completed; returns null once it has.
 */
export async function createSetupLink(db: Kysely<DB>, publicUrl: string): Promise<string | null> {
  const token = newSecret();
  const updated = await db
    .updateTable('instance')
    .set({ setup_token_hash: hashSecret(token), setup_token_expires_at: new Date(Date.now() + setupLinkHours * 3600_000) })
    .where('setup_completed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated ? `${publicUrl}/setup#token=${token}` : null;
}

/**
 * First run: creates the first workspace and its owner from the setup link.
 * Throws setup_already_done on any later attempt and setup_token_invalid for
 * a wrong or expired token; nothing is written in either case.
 */
export async function completeSetup(db: Kysely<DB>, input: CompleteSetupInput): Promise<{ userId: string; workspaceId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const instance = await trx.selectFrom('instance').selectAll().forUpdate().executeTakeFirstOrThrow();
    if (instance.setup_completed_at) throw new AppError('setup_already_done', 'This Rapport is already set up. Sign in instead.');
    const valid =
      instance.setup_token_hash !== null &&
      safeEqual(instance.setup_token_hash, hashSecret(input.token)) &&
      (instance.setup_token_expires_at?.getTime() ?? 0) > Date.now();
    if (!valid)
      throw new AppError('setup_token_invalid', 'The setup link is wrong or has expired. Run `rapport setup` for a new one.');
    if (await findUserByEmail(trx, input.email)) throw new AppError('email_taken', 'An account with this email exists.');

    const workspaceId = newId();
    const userId = newId();
    await insertWorkspace(trx, {
      id: workspaceId,
      name: input.workspaceName,
      default_locale: input.locale,
      time_zone: input.timeZone,
      country: input.country ?? null,
    });
    await insertUser(trx, {
      id: userId,
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      locale: input.locale,
      time_zone: input.timeZone,
    });
    await insertMembership(trx, workspaceId, userId, 'owner');
    await trx
      .updateTable('instance')
      .set({ setup_completed_at: new Date(), setup_token_hash: null, setup_token_expires_at: null })
      .execute();
    const scope = { workspaceId, actor: { type: 'user' as const, id: userId } };
    await recordEvent(trx, scope, {
      name: 'workspace.created',
      subjectType: 'workspace',
      subjectId: workspaceId,
      data: { after: { name: input.workspaceName, defaultLocale: input.locale, timeZone: input.timeZone } },
    });
    await recordEvent(trx, scope, {
      name: 'member.added',
      subjectType: 'user',
      subjectId: userId,
      data: { after: { role: 'owner', email: input.email } },
    });
    return { userId, workspaceId };
  });
}
