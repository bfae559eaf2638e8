import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Me } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Authentication } from '../../platform/http/authentication.js';
import { presentUser, presentWorkspace } from '../workspaces/workspaces.presenters.js';
import { findWorkspace, listUserWorkspaces } from '../workspaces/workspaces.repo.js';
import { findUser } from './auth.repo.js';

/**
 * Who is asking: the person (or, for an API token, the workspace's token
 * identity), the active workspace and role, and the CSRF token for cookie writes.
 */
export async function getMe(db: Kysely<DB>, auth: Authentication): Promise<Me> {
  if (auth.method === 'api_token') {
    throw new AppError('forbidden', 'GET /me describes a signed-in person; API tokens act for a workspace, see GET /workspace.');
  }
  const [user, workspaces] = await Promise.all([findUser(db, auth.userId), listUserWorkspaces(db, auth.userId)]);
  if (!user) throw new AppError('session_expired', 'The account no longer exists.');
  const workspace = auth.workspaceId ? await findWorkspace(db, auth.workspaceId) : undefined;
  if (!workspace || !auth.role) throw new AppError('forbidden', 'You are not a member of any workspace.');
  return {
    user: presentUser(user),
    workspace: presentWorkspace(workspace),
    role: auth.role,
    workspaces: workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role })),
    authMethod: 'session',
    csrfToken: auth.csrfToken,
  };
}
