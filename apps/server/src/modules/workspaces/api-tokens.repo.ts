import type { ApiToken } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { isAfter, type Position } from '../../platform/pagination.js';
import { invalidateCache } from '../../platform/cache.js';

export async function findApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiToken | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markApiTokenUsed(db: Executor, workspaceId: string, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tokenId)
    .execute();
}

export async function insertApiToken(
  db: Executor,
  values: Omit<ApiToken, 'created_at' | 'last_used_at' | 'revoked_at'>,
): Promise<ApiToken> {
  return db.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Tokens not revoked, newest first, paged by (created_at, id). */
export async function listActiveApiTokens(db: Executor, workspaceId: string, limit: number, after?: Position) {
  let query = db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('api_tokens')
    .select('users.name as created_by_name')
    .where('api_tokens.workspace_id', '=', workspaceId)
    .where('api_tokens.revoked_at', 'is', null)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .limit(limit + 1);
  if (after) query = query.where(isAfter(after, 'desc', ['api_tokens.created_at', 'api_tokens.id']));
  return query.execute();
}

export async function revokeApiTokenRow(db: Executor, workspaceId: string, tokenId: string): Promise<ApiToken | undefined> {
  const token = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  await invalidateCache(db, `token:${tokenId}`);
  return token;
}
