import type { Kysely } from 'kysely';
import type { DB, Invite as InviteRow } from '@rapport/db';
import type { AcceptInviteInput, CreateInviteInput, CreatedInvite, Invite, InvitePreview } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, isAfter, toPage } from '../../platform/pagination.js';
import { findUserByEmail, insertUser } from '../auth/auth.repo.js';
import { findMembership, findWorkspace, insertMembership } from './workspaces.repo.js';

const minimumPasswordLength = 10;

function statusOf(invite: InviteRow, now = Date.now()): Invite['status'] {
  if (invite.accepted_at) return 'accepted';
  if (invite.revoked_at) return 'revoked';
  if (invite.expires_at.getTime() <= now) return 'expired';
  return 'pending';
}

function presentInvite(invite: InviteRow & { invited_by_name?: string | null }): Invite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status: statusOf(invite),
    invitedBy: invite.invited_by,
    invitedByName: invite.invited_by_name ?? null,
    expiresAt: invite.expires_at.toISOString(),
    createdAt: invite.created_at.toISOString(),
  };
}

/**
 * Invites a person by email with a link that expires. The link is returned
 * once; only its hash is stored. Throws already_member if the email belongs
 * to a member of this workspace.
 */
export async function createInvite(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateInviteInput,
  publicUrl: string,
): Promise<CreatedInvite> {
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, input.email);
    if (existing && (await findMembership(trx, context.workspaceId, existing.id))) {
      throw new AppError('already_member', 'This person is already a member of the workspace.');
    }
    const token = newSecret();
    const invite = await trx
      .insertInto('invites')
      .values({
        workspace_id: context.workspaceId,
        id: newId(),
        email: input.email,
        role: input.role,
        token_hash: hashSecret(token),
        invited_by: context.actor.type === 'user' ? context.actor.id : null,
        expires_at: new Date(Date.now() + input.expiresInHours * 3600_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, context, {
      name: 'invite.created',
      subjectType: 'invite',
      subjectId: invite.id,
      data: { after: { email: invite.email, role: invite.role, expiresAt: invite.expires_at.toISOString() } },
    });
    return { invite: presentInvite(invite), url: `${publicUrl}/invite#token=${token}` };
  });
}

/** Invites of the workspace, newest first (all statuses). */
export async function listInvites(
  db: Kysely<DB>,
  context: WorkspaceContext,
  options: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(options.cursor);
  let query = db
    .selectFrom('invites')
    .leftJoin('users', 'users.id', 'invites.invited_by')
    .selectAll('invites')
    .select('users.name as invited_by_name')
    .where('invites.workspace_id', '=', context.workspaceId)
    .orderBy('invites.created_at', 'desc')
    .orderBy('invites.id', 'desc')
    .limit(options.limit + 1);
  if (after) query = query.where(isAfter(after, 'desc', ['invites.created_at', 'invites.id']));
  const rows = await query.execute();
  return toPage(rows, options.limit, (r) => ({ createdAt: r.created_at, id: r.id }), presentInvite);
}

export async function revokeInvite(db: Kysely<DB>, context: WorkspaceContext, inviteId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable('invites')
      .set({ revoked_at: new Date() })
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', inviteId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!invite) throw new AppError('not_found', 'No pending invite with this id.');
    await recordEvent(trx, context, {
      name: 'invite.revoked',
      subjectType: 'invite',
      subjectId: invite.id,
      data: { before: { email: invite.email } },
    });
  });
}

async function findUsableInvite(db: Kysely<DB>, token: string, lock = false): Promise<InviteRow> {
  let query = db.selectFrom('invites').selectAll().where('token_hash', '=', hashSecret(token));
  if (lock) query = query.forUpdate();
  const invite = await query.executeTakeFirst();
  if (!invite || invite.accepted_at || invite.revoked_at)
    throw new AppError('invite_invalid', 'This invite link is not valid (any more).');
  if (invite.expires_at.getTime() <= Date.now())
    throw new AppError('invite_expired', 'This invite link has expired. Ask for a new one.');
  return invite;
}

/** What an invite link is for, shown before accepting (public: the token is the credential). */
export async function previewInvite(db: Kysely<DB>, token: string): Promise<InvitePreview> {
  const invite = await findUsableInvite(db, token);
  const workspace = await findWorkspace(db, invite.workspace_id);
  const user = await findUserByEmail(db, invite.email);
  return {
    workspaceName: workspace?.name ?? '',
    email: invite.email,
    role: invite.role,
    expiresAt: invite.expires_at.toISOString(),
    hasAccount: user !== undefined,
  };
}

/**
 * Accepts an invite: a new person gets an account (name and a password of
 * 10+ characters); an existing account proves itself with its password.
 * Either way they become a member with the invited role.
 */
export async function acceptInvite(db: Kysely<DB>, input: AcceptInviteInput): Promise<{ userId: string; workspaceId: string }> {
  const preview = await findUsableInvite(db, input.token);
  const existing = await findUserByEmail(db, preview.email);
  let passwordHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(input.password, existing.password_hash))) {
      throw new AppError('invalid_credentials', 'The password of the existing account is not right.');
    }
  } else {
    const issues = [];
    if (!input.name)
      issues.push({ path: ['name'], code: 'too_small', message: 'a name is required for a new account', in: 'body' });
    if (input.password.length < minimumPasswordLength) {
      issues.push({ path: ['password'], code: 'too_small', message: `at least ${minimumPasswordLength} characters`, in: 'body' });
    }
    if (issues.length) throw new AppError('validation_failed', 'A new account needs a name and a longer password.', { issues });
    passwordHash = await hashPassword(input.password);
  }
  return db.transaction().execute(async (trx) => {
    const invite = await findUsableInvite(trx, input.token, true);
    let userId = existing?.id;
    if (!userId) {
      userId = newId();
      await insertUser(trx, {
        id: userId,
        email: invite.email,
        name: input.name ?? invite.email,
        password_hash: passwordHash ?? '',
        locale: input.locale ?? (await findWorkspace(trx, invite.workspace_id))?.default_locale ?? 'en',
        time_zone: input.timeZone ?? 'UTC',
      });
    }
    if (await findMembership(trx, invite.workspace_id, userId)) {
      throw new AppError('already_member', 'You are already a member of this workspace.');
    }
    await insertMembership(trx, invite.workspace_id, userId, invite.role);
    await trx
      .updateTable('invites')
      .set({ accepted_at: new Date(), accepted_by: userId })
      .where('workspace_id', '=', invite.workspace_id)
      .where('id', '=', invite.id)
      .execute();
    const scope = { workspaceId: invite.workspace_id, actor: { type: 'user' as const, id: userId } };
    await recordEvent(trx, scope, { name: 'invite.accepted', subjectType: 'invite', subjectId: invite.id, data: {} });
    await recordEvent(trx, scope, {
      name: 'member.added',
      subjectType: 'user',
      subjectId: userId,
      data: { after: { role: invite.role, email: invite.email } },
    });
    return { userId, workspaceId: invite.workspace_id };
  });
}
