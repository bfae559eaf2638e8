import type { Kysely } from 'kysely';
import type { ApiToken as ApiTokenRow, DB } from '@rapport/db';
import type { ApiToken, CreateApiTokenInput, CreatedApiToken } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { decodeCursor, toPage } from '../../platform/pagination.js';
import * as repo from './api-tokens.repo.js';

/** Tokens start with a fixed marker so secret scanners can recognise leaked ones. */
const tokenMarker = 'rpt_';

function presentApiToken(row: ApiTokenRow & { created_by_name?: string | null }): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    role: row.role,
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** Creates an API token for integrators. The secret is returned once; only its hash is kept. */
export async function createApiToken(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins create API tokens.');
  const token = `${tokenMarker}${newSecret()}`;
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertApiToken(trx, {
      workspace_id: context.workspaceId,
      id: newId(),
      name: input.name,
      token_hash: hashSecret(token),
      token_prefix: token.slice(0, tokenMarker.length + 6),
      role: input.role,
      created_by: context.actor.type === 'user' ? context.actor.id : null,
      expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await recordEvent(trx, context, {
      name: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      data: { after: { name: row.name, role: row.role, prefix: row.token_prefix } },
    });
    return { apiToken: presentApiToken(row), token };
  });
}

export async function listApiTokens(
  db: Kysely<DB>,
  context: WorkspaceContext,
  options: { limit: number; cursor?: string | undefined },
) {
  const rows = await repo.listActiveApiTokens(db, context.workspaceId, options.limit, decodeCursor(options.cursor));
  return toPage(rows, options.limit, (r) => ({ createdAt: r.created_at, id: r.id }), presentApiToken);
}

/** Revokes a token; requests with it fail from now on. */
export async function revokeApiToken(db: Kysely<DB>, context: WorkspaceContext, tokenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.revokeApiTokenRow(trx, context.workspaceId, tokenId);
    if (!row) throw new AppError('not_found', 'No active API token with this id.');
    await recordEvent(trx, context, {
      name: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: row.id,
      data: { before: { name: row.name } },
    });
  });
}
