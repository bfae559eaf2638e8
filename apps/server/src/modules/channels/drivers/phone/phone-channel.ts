import { sql } from 'kysely';
import type { ChannelRow } from '@rapport/db';
import type { Executor, WorkspaceContext } from '../../../../platform/context.js';
import { recordEvent } from '../../../../platform/events.js';
import { newId } from '../../../../platform/ids.js';
import { phoneDriver } from './phone-driver.js';

/**
 * The workspace's phone channel (the oldest, when there are several),
 * created as "Phone" when there is none, in the caller's transaction. Two
 * transactions that both find none queue on the workspace row, so only one
 * channel is created.
 */
export async function ensurePhoneChannel(trx: Executor, context: WorkspaceContext): Promise<ChannelRow> {
  const existing = await oldestPhoneChannel(trx, context.workspaceId);
  if (existing) return existing;
  // FOR NO KEY UPDATE: serializes the creators without blocking rows that merely reference the workspace.
  await sql`SELECT 1 FROM workspaces WHERE id = ${context.workspaceId} FOR NO KEY UPDATE`.execute(trx);
  const created = await oldestPhoneChannel(trx, context.workspaceId);
  if (created) return created;
  const row = await trx
    .insertInto('channels')
    .values({ workspace_id: context.workspaceId, id: newId(), kind: 'phone', name: 'Phone', address: null, settings: '{}' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await phoneDriver.provision?.(trx, row);
  await recordEvent(trx, context, {
    name: 'channel.created',
    subjectType: 'channel',
    subjectId: row.id,
    data: { kind: row.kind, address: null, automatic: true },
  });
  return row;
}

async function oldestPhoneChannel(db: Executor, workspaceId: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'phone')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
