import type { Kysely } from 'kysely';
import { isUniqueViolation, type DB } from '@rapport/db';
import type { CreateTeamInput, Team, UpdateTeamInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import * as repo from './conversations.repo.js';

/** Throws not_found unless the team is the workspace's. */
export async function requireTeam(db: Executor, workspaceId: string, teamId: string): Promise<void> {
  const team = await db
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw new AppError('not_found', 'No such team in this workspace.', { teamId });
}

/** The workspace's teams with their members, by name. */
export async function listTeams(db: Kysely<DB>, context: WorkspaceContext): Promise<Team[]> {
  const teams = await db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .orderBy('name')
    .execute();
  const members = await db.selectFrom('team_members').selectAll().where('workspace_id', '=', context.workspaceId).execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id),
    calendarId: t.calendar_id,
    createdAt: t.created_at.toISOString(),
  }));
}

/** Creates a team (owners and admins). Throws forbidden, team_name_taken and not_a_member. */
export async function createTeam(db: Kysely<DB>, context: WorkspaceContext, input: CreateTeamInput): Promise<Team> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins manage teams.');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    try {
      if (input.calendarId) await requireCalendar(trx, context.workspaceId, input.calendarId);
      await trx
        .insertInto('teams')
        .values({ workspace_id: context.workspaceId, id, name: input.name, calendar_id: input.calendarId })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('team_name_taken', `A team is called "${input.name}" already.`);
      throw error;
    }
    await setMembers(trx, context.workspaceId, id, input.memberIds);
    await recordEvent(trx, context, { name: 'team.created', subjectType: 'team', subjectId: id, data: { name: input.name } });
  });
  return (await listTeams(db, context)).find((t) => t.id === id)!;
}

/** Renames a team, replaces its members or sets its business hours (owners and admins). Throws forbidden, not_found, team_name_taken, not_a_member. */
export async function updateTeam(
  db: Kysely<DB>,
  context: WorkspaceContext,
  teamId: string,
  input: UpdateTeamInput,
): Promise<Team> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins manage teams.');
  await db.transaction().execute(async (trx) => {
    await requireTeam(trx, context.workspaceId, teamId);
    if (input.name !== undefined) {
      try {
        await trx
          .updateTable('teams')
          .set({ name: input.name })
          .where('workspace_id', '=', context.workspaceId)
          .where('id', '=', teamId)
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('team_name_taken', `A team is called "${input.name}" already.`);
        throw error;
      }
    }
    if (input.calendarId !== undefined) {
      if (input.calendarId) await requireCalendar(trx, context.workspaceId, input.calendarId);
      await trx
        .updateTable('teams')
        .set({ calendar_id: input.calendarId })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', teamId)
        .execute();
    }
    if (input.memberIds !== undefined) {
      await trx
        .deleteFrom('team_members')
        .where('workspace_id', '=', context.workspaceId)
        .where('team_id', '=', teamId)
        .execute();
      await setMembers(trx, context.workspaceId, teamId, input.memberIds);
    }
    await recordEvent(trx, context, { name: 'team.updated', subjectType: 'team', subjectId: teamId, data: { ...input } });
  });
  return (await listTeams(db, context)).find((t) => t.id === teamId)!;
}

/** Deletes a team; its conversations and channels keep going without one. Throws forbidden and not_found. */
export async function deleteTeam(db: Kysely<DB>, context: WorkspaceContext, teamId: string): Promise<void> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins manage teams.');
  await db.transaction().execute(async (trx) => {
    await requireTeam(trx, context.workspaceId, teamId);
    await trx.deleteFrom('teams').where('workspace_id', '=', context.workspaceId).where('id', '=', teamId).execute();
    await recordEvent(trx, context, { name: 'team.deleted', subjectType: 'team', subjectId: teamId });
  });
}

async function requireCalendar(db: Executor, workspaceId: string, calendarId: string): Promise<void> {
  const calendar = await db
    .selectFrom('business_calendars')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', calendarId)
    .executeTakeFirst();
  if (!calendar) throw new AppError('not_found', 'No such business calendar in this workspace.', { calendarId });
}

async function setMembers(db: Executor, workspaceId: string, teamId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  for (const userId of unique)
    if (!(await repo.isMember(db, workspaceId, userId)))
      throw new AppError('not_a_member', 'A team member must be a member of the workspace.', { userId });
  if (unique.length)
    await db
      .insertInto('team_members')
      .values(unique.map((user_id) => ({ workspace_id: workspaceId, team_id: teamId, user_id })))
      .execute();
}
