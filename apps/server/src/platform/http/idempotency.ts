import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { AppError } from '../errors.js';

/** How long a key is remembered; the daily cleanup removes older ones. */
export const idempotencyKeyHours = 24;
/** A first request still unanswered after this long died with its process: a retry may take its key over. */
const abandonedAfterSeconds = 120;

interface Claim {
  workspaceId: string;
  actorId: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The response holds a secret shown only once (a token, a link): a retry with the same key is refused, not replayed. */
    secretResponse?: boolean;
  }
  interface FastifyRequest {
    idempotency: Claim | null;
  }
}

/** The row of one key. */
function keyRow(claim: Claim) {
  return (eb: ExpressionBuilder<DB, 'idempotency_keys'>) =>
    eb.and({ workspace_id: claim.workspaceId, actor_id: claim.actorId, key: claim.key });
}

/**
 * `Idempotency-Key` on POSTs of workspace routes: the first request with a
 * key claims it; a retry with the same key and the same request gets the
 * first response again (`Idempotent-Replayed: true`), one with another
 * request is refused (idempotency_key_reused), one while the first is still
 * running waits its turn (idempotency_in_progress). Keys belong to the person
 * or API token that sent them and live for 24 hours. A 5xx answer frees the
 * key for a retry. Responses holding a secret (`config.secretResponse`) are
 * not stored: their retry is refused with idempotency_key_used. Bodies that
 * are not JSON (a CSV upload) are not covered.
 */
export function installIdempotency(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers['idempotency-key'];
    const auth = request.authentication;
    if (key === undefined || !auth?.workspaceId) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      const message = 'Idempotency-Key must be 1 to 255 visible ASCII characters.';
      throw new AppError('validation_failed', message, {
        issues: [{ path: ['Idempotency-Key'], code: 'invalid_format', message, in: 'header' }],
      });
    }
    const body: unknown = request.body;
    if (body !== undefined && (body === null || typeof body !== 'object' || 'pipe' in body)) return;
    const claim: Claim = {
      workspaceId: auth.workspaceId,
      actorId: auth.method === 'session' ? auth.userId : auth.tokenId,
      key,
    };
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.routeOptions.url, request.params, body ?? null]))
      .digest('hex');
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ workspace_id: claim.workspaceId, actor_id: claim.actorId, key, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotency = claim;
      return;
    }
    // Taken before: replay, refuse, or take over a key whose first request died or expired.
    const takenOver = await db
      .updateTable('idempotency_keys')
      .set({ request_hash: requestHash, status_code: null, response_body: null, created_at: new Date() })
      .where(keyRow(claim))
      .where((eb) =>
        eb.or([
          eb('created_at', '<', sql<Date>`now() - ${`${idempotencyKeyHours} hours`}::interval`),
          eb.and([
            eb('status_code', 'is', null),
            eb('request_hash', '=', requestHash),
            eb('created_at', '<', sql<Date>`now() - ${`${abandonedAfterSeconds} seconds`}::interval`),
          ]),
        ]),
      )
      .returning('key')
      .executeTakeFirst();
    if (takenOver) {
      request.idempotency = claim;
      return;
    }
    const first = await db.selectFrom('idempotency_keys').selectAll().where(keyRow(claim)).executeTakeFirst();
    if (!first || first.status_code === null) {
      throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being handled. Retry shortly.');
    }
    if (first.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
    }
    if (first.response_body === null) {
      throw new AppError(
        'idempotency_key_used',
        'The request with this Idempotency-Key succeeded; its response held a secret that is shown only once.',
      );
    }
    return reply
      .code(first.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotency_keys').where(keyRow(claim)).execute();
    } else {
      const replayable = typeof payload === 'string' && !request.routeOptions.config.secretResponse;
      await db
        .updateTable('idempotency_keys')
        .set({ status_code: reply.statusCode, response_body: replayable ? payload : null })
        .where(keyRow(claim))
        .execute();
    }
    return payload;
  });
}

/** Forgets keys older than 24 hours (the daily cleanup). */
export async function expireIdempotencyKeys(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - ${`${idempotencyKeyHours} hours`}::interval`)
    .execute();
}
