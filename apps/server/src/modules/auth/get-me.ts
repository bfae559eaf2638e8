import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Me } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Authentication } from '../../platform/http/authentication.js';
import { presentUser, presentWorkspace } from '../workspaces/workspaces.presenters.js';
import { findWorkspace, listUserWorkspaces } from '../workspaces/workspaces.repo.js';
import { findUser } from './auth.repo.js';
import type { AuthCaches } from './auth-caches.js';

/**
 * Who is asking: the person, the active workspace and role, the other
 * workspaces they belong to, and the CSRF token for cookie writes. Served
 * from the process cache when nothing about them changed since.
 */
export async function getMe(db: Kysely<DB>, caches: AuthCaches, auth: Authentication): Promise<Me> {
  if (auth.method === 'api_token') {
    throw new AppError('forbidden', 'GET /me describes a signed-in person; API tokens act for a workspace, see GET /workspace.');
  }
  const data = await caches.me.getOrLoad(`${auth.userId}:${auth.workspaceId ?? ''}`, async () => {
    const [user, workspaces, workspace] = await Promise.all([
      findUser(db, auth.userId),
      listUserWorkspaces(db, auth.userId),
      auth.workspaceId ? findWorkspace(db, auth.workspaceId) : undefined,
    ]);
    if (!user) return undefined;
    const tags = [`user:${user.id}`, ...workspaces.map((w) => `workspace:${w.id}`)];
    if (workspace) tags.push(`workspace:${workspace.id}`);
    return { value: { user, workspace, workspaces }, tags };
  });
  if (!data) throw new AppError('session_expired', 'The account no longer exists.');
  if (!data.workspace || !auth.role) throw new AppError('forbidden', 'You are not a member of any workspace.');
  return {
    user: presentUser(data.user),
    workspace: presentWorkspace(data.workspace),
    role: auth.role,
    workspaces: data.workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role })),
    authMethod: 'session',
    csrfToken: auth.csrfToken,
  };
}
