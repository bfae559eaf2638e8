import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Member, UpdateMemberInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, isAfter, toPage } from '../../platform/pagination.js';
import { canManage } from './workspaces.policy.js';
import { deleteMembership, updateMembershipRole } from './workspaces.repo.js';

function membersQuery(db: Executor, workspaceId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.created_at', 'u.name', 'u.email', 'u.languages', 'u.time_zone', 'u.working_hours'])
    .where('m.workspace_id', '=', workspaceId);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof membersQuery>['executeTakeFirstOrThrow']>>;

function presentMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    languages: row.languages,
    timeZone: row.time_zone,
    workingHours: row.working_hours,
    joinedAt: row.created_at.toISOString(),
  };
}

/** The workspace's people, in the order they joined. */
export async function listMembers(
  db: Kysely<DB>,
  context: WorkspaceContext,
  options: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(options.cursor);
  let query = membersQuery(db, context.workspaceId)
    .orderBy('m.created_at')
    .orderBy('m.user_id')
    .limit(options.limit + 1);
  if (after) query = query.where(isAfter(after, 'asc', ['m.created_at', 'm.user_id']));
  const rows = await query.execute();
  return toPage(rows, options.limit, (r) => ({ createdAt: r.created_at, id: r.user_id }), presentMember);
}

async function getMemberRow(db: Executor, workspaceId: string, userId: string): Promise<MemberRow> {
  const row = await membersQuery(db, workspaceId).where('m.user_id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such member in this workspace.');
  return row;
}

/** Changes a member's role (owners are not changed here: there is always exactly one kind of owner). */
export async function updateMember(
  db: Kysely<DB>,
  context: WorkspaceContext,
  userId: string,
  input: UpdateMemberInput,
): Promise<Member> {
  return db.transaction().execute(async (trx) => {
    const row = await getMemberRow(trx, context.workspaceId, userId);
    if (row.role === 'owner') throw new AppError('last_owner', 'The owner keeps the owner role.');
    if (!canManage(context.role, row.role)) throw new AppError('forbidden', 'Your role cannot change this member.');
    if (row.role === input.role) return presentMember(row);
    await updateMembershipRole(trx, context.workspaceId, userId, input.role);
    await recordEvent(trx, context, {
      name: 'member.role_changed',
      subjectType: 'user',
      subjectId: userId,
      data: { before: { role: row.role }, after: { role: input.role } },
    });
    return presentMember({ ...row, role: input.role });
  });
}

/** Removes a person from the workspace; their sessions lose access to it at once. */
export async function removeMember(db: Kysely<DB>, context: WorkspaceContext, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getMemberRow(trx, context.workspaceId, userId);
    if (context.actor.type === 'user' && context.actor.id === userId) {
      throw new AppError('cannot_remove_self', 'You cannot remove yourself.');
    }
    if (row.role === 'owner') throw new AppError('last_owner', 'The owner cannot be removed.');
    if (!canManage(context.role, row.role)) throw new AppError('forbidden', 'Your role cannot remove this member.');
    await deleteMembership(trx, context.workspaceId, userId);
    await recordEvent(trx, context, {
      name: 'member.removed',
      subjectType: 'user',
      subjectId: userId,
      data: { before: { role: row.role, email: row.email } },
    });
  });
}
