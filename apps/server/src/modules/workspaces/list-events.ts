import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { AuditEvent } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

/** The audit log, newest first, paged by event id. */
export async function listEvents(
  db: Kysely<DB>,
  context: WorkspaceContext,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  if (options.cursor !== undefined && !/^\d{1,19}$/.test(options.cursor)) {
    throw new AppError('validation_failed', 'The cursor is not one this server returned.', {
      issues: [{ path: ['cursor'], code: 'invalid_cursor', message: 'unknown cursor', in: 'querystring' }],
    });
  }
  let query = db
    .selectFrom('events as e')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'e.actor_id').on('e.actor_type', '=', 'user'))
    .leftJoin('api_tokens as t', (join) =>
      join.onRef('t.id', '=', 'e.actor_id').onRef('t.workspace_id', '=', 'e.workspace_id').on('e.actor_type', '=', 'api_token'),
    )
    .select([
      'e.id',
      'e.name',
      'e.actor_type',
      'e.actor_id',
      'e.subject_type',
      'e.subject_id',
      'e.data',
      'e.created_at',
      'u.name as user_name',
      't.name as token_name',
    ])
    .where('e.workspace_id', '=', context.workspaceId)
    .orderBy('e.id', 'desc')
    .limit(options.limit + 1);
  if (options.cursor !== undefined) query = query.where('e.id', '<', options.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorName: row.user_name ?? row.token_name ?? null,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      data: row.data,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
