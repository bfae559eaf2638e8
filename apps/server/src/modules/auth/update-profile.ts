import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { ChangePasswordInput, UpdateProfileInput, User } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { changedFields, recordEvent } from '../../platform/events.js';
import { presentUser } from '../workspaces/workspaces.presenters.js';
import { listUserWorkspaces } from '../workspaces/workspaces.repo.js';
import * as repo from './auth.repo.js';

/**
 * Changes a person's own profile: name, interface language, languages spoken,
 * time zone, working hours. Records `user.updated` in each of their workspaces.
 */
export async function updateProfile(
  db: Kysely<DB>,
  userId: string,
  input: UpdateProfileInput,
  requestId?: string,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, userId);
    if (!before) throw new AppError('not_found', 'No such person.');
    const after = await repo.updateUserRow(trx, userId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.languages !== undefined ? { languages: [...new Set(input.languages)] } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.workingHours !== undefined ? { working_hours: JSON.stringify(input.workingHours) } : {}),
    });
    if (!after) throw new AppError('not_found', 'No such person.');
    const changed = changedFields(presentUser(before), presentUser(after));
    if (Object.keys(changed.after).length > 0) {
      for (const workspace of await listUserWorkspaces(trx, userId)) {
        await recordEvent(
          trx,
          { workspaceId: workspace.id, actor: { type: 'user', id: userId }, requestId },
          { name: 'user.updated', subjectType: 'user', subjectId: userId, data: changed },
        );
      }
    }
    return presentUser(after);
  });
}

/** Changes the password after checking the current one; signs out the person's other sessions. */
export async function changePassword(
  db: Kysely<DB>,
  auth: { userId: string; sessionId: string },
  input: ChangePasswordInput,
): Promise<void> {
  const user = await repo.findUser(db, auth.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('invalid_credentials', 'The current password is not right.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updateUserRow(trx, auth.userId, { password_hash: passwordHash });
    await repo.deleteOtherSessions(trx, auth.userId, auth.sessionId);
    for (const workspace of await listUserWorkspaces(trx, auth.userId)) {
      await recordEvent(
        trx,
        { workspaceId: workspace.id, actor: { type: 'user', id: auth.userId } },
        { name: 'user.password_changed', subjectType: 'user', subjectId: auth.userId },
      );
    }
  });
}
