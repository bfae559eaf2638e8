import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { UpdateWorkspaceInput, Workspace } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { changedFields, recordEvent } from '../../platform/events.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { presentWorkspace } from './workspaces.presenters.js';
import { findWorkspace, updateWorkspaceRow } from './workspaces.repo.js';

/** The active workspace's settings. */
export async function getWorkspace(db: Kysely<DB>, context: WorkspaceContext): Promise<Workspace> {
  const workspace = await findWorkspace(db, context.workspaceId);
  if (!workspace) throw new AppError('not_found', 'No such workspace.');
  return presentWorkspace(workspace);
}

/** Changes the workspace's name, default customer language, time zone or country; records `workspace.updated`. */
export async function updateWorkspace(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: UpdateWorkspaceInput,
): Promise<Workspace> {
  return db.transaction().execute(async (trx) => {
    const before = await findWorkspace(trx, context.workspaceId);
    const after = await updateWorkspaceRow(trx, context.workspaceId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.defaultLocale !== undefined ? { default_locale: input.defaultLocale } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
    });
    if (!before || !after) throw new AppError('not_found', 'No such workspace.');
    const changes = changedFields(presentWorkspace(before), presentWorkspace(after));
    if (Object.keys(changes.after).length > 0) {
      await recordEvent(trx, context, {
        name: 'workspace.updated',
        subjectType: 'workspace',
        subjectId: context.workspaceId,
        data: changes,
      });
    }
    return presentWorkspace(after);
  });
}
