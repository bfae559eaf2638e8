import type { Role, Workspace } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { invalidateCache } from '../../platform/cache.js';

/** SQL for workspaces and memberships. Every function is scoped by workspace id. */

export async function findWorkspace(db: Executor, workspaceId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
}

export async function insertWorkspace(
  db: Executor,
  values: { id: string; name: string; default_locale: string; time_zone: string; country: string | null },
): Promise<Workspace> {
  return db.insertInto('workspaces').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateWorkspaceRow(
  db: Executor,
  workspaceId: string,
  values: Partial<Pick<Workspace, 'name' | 'default_locale' | 'time_zone' | 'country'>>,
): Promise<Workspace | undefined> {
  const workspace = await db
    .updateTable('workspaces')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
  await invalidateCache(db, `workspace:${workspaceId}`);
  return workspace;
}

export async function insertMembership(db: Executor, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role }).execute();
  await invalidateCache(db, `user:${userId}`);
}

export async function updateMembershipRole(db: Executor, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  await invalidateCache(db, `user:${userId}`);
}

export async function deleteMembership(db: Executor, workspaceId: string, userId: string): Promise<void> {
  await db.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  await invalidateCache(db, `user:${userId}`);
}

export async function findMembership(db: Executor, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The workspaces a person belongs to, oldest membership first. */
export async function listUserWorkspaces(db: Executor, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('workspaces.id')
    .execute();
}
