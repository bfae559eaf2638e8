import type { Kysely } from 'kysely';
import { isUniqueViolation, type ChannelRow, type DB } from '@rapport/db';
import type { Channel, CreateChannelInput, UpdateChannelInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { channelDriver } from './channel-driver.js';
import { requireTeam } from '../conversations/teams.js';

export function presentChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    settings: row.settings,
    teamId: row.team_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** The workspace's channels, oldest first. */
export async function listChannels(db: Kysely<DB>, context: WorkspaceContext): Promise<Channel[]> {
  const rows = await db
    .selectFrom('channels')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(presentChannel);
}

/**
 * Adds a channel (owners and admins). Throws forbidden, validation_failed
 * (settings), not_found (team) and channel_address_taken (the address routes
 * to a channel already, in this or another workspace).
 */
export async function createChannel(db: Kysely<DB>, context: WorkspaceContext, input: CreateChannelInput): Promise<Channel> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins add channels.');
  const driver = channelDriver(input.kind);
  const settings = driver.parseSettings('settings' in input ? input.settings : {});
  const address = 'address' in input ? input.address.toLowerCase() : null;
  return db.transaction().execute(async (trx) => {
    if (input.teamId) await requireTeam(trx, context.workspaceId, input.teamId);
    let row: ChannelRow;
    try {
      row = await trx
        .insertInto('channels')
        .values({
          workspace_id: context.workspaceId,
          id: newId(),
          kind: input.kind,
          name: input.name,
          address,
          settings: JSON.stringify(settings),
          team_id: input.teamId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('channel_address_taken', `${address} already receives mail for a channel.`);
      throw error;
    }
    await driver.provision?.(trx, row);
    await recordEvent(trx, context, {
      name: 'channel.created',
      subjectType: 'channel',
      subjectId: row.id,
      data: { kind: row.kind, address: row.address },
    });
    return presentChannel(row);
  });
}

/** Renames a channel or replaces its settings or team (owners and admins). Throws forbidden, not_found, validation_failed. */
export async function updateChannel(
  db: Kysely<DB>,
  context: WorkspaceContext,
  channelId: string,
  input: UpdateChannelInput,
): Promise<Channel> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins change channels.');
  return db.transaction().execute(async (trx) => {
    const current = await getChannelRow(trx, context.workspaceId, channelId);
    if (input.teamId) await requireTeam(trx, context.workspaceId, input.teamId);
    const settings = input.settings !== undefined ? channelDriver(current.kind).parseSettings(input.settings) : undefined;
    const row = await trx
      .updateTable('channels')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(settings !== undefined ? { settings: JSON.stringify(settings) } : {}),
        ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      })
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', channelId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, context, {
      name: 'channel.updated',
      subjectType: 'channel',
      subjectId: row.id,
      data: { fields: Object.keys(input) },
    });
    return presentChannel(row);
  });
}

/** The channel an inbound address routes to, in any workspace (the SMTP server's routing); undefined when none. */
export async function findChannelByAddress(db: Executor, kind: ChannelRow['kind'], address: string) {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('kind', '=', kind)
    .where('address', '=', address.toLowerCase())
    .executeTakeFirst();
}

/** A channel of the workspace; throws not_found. */
export async function getChannelRow(db: Executor, workspaceId: string, channelId: string): Promise<ChannelRow> {
  const row = await db
    .selectFrom('channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', channelId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such channel in this workspace.');
  return row;
}
