import type { Role, Workspace } from '@rapport/db';
import type { Executor } from '../../platform/context.js';

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
  return db
    .updateTable('workspaces')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
}

export async function insertMembership(db: Executor, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role }).execute();
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
