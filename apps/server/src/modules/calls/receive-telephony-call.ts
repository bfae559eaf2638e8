import type { Kysely } from 'kysely';
import { isUniqueViolation, type DB, type TelephonyWebhookRow } from '@rapport/db';
import type { Call, TelephonyCallInput } from '@rapport/contracts';
import { systemActor, type WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { getChannelRow } from '../channels/channels.js';
import { checkTimes, fileCall, secondsBetween } from './file-call.js';
import { getCall } from './list-calls.js';
import * as repo from './calls.repo.js';

/**
 * Files a call a telephony system reported through a phone channel's webhook
 * (the signature was checked). Idempotent by `externalId`: a redelivery, or a
 * later report of the same call (answered, then ended), updates that call and
 * never adds another; fields a report leaves out keep their values. The
 * customer is the one with the outside number (`from` on an inbound call,
 * `to` on an outbound one), else a new one. Throws validation_failed.
 */
export async function receiveTelephonyCall(
  db: Kysely<DB>,
  webhook: TelephonyWebhookRow,
  input: TelephonyCallInput,
): Promise<{ call: Call; isNew: boolean }> {
  const context: WorkspaceContext = { workspaceId: webhook.workspace_id, actor: systemActor, role: 'owner' };
  const startedAt = new Date(input.startedAt);
  const endedAt = input.endedAt ? new Date(input.endedAt) : null;
  checkTimes(startedAt, endedAt, 'endedAt');
  const earlier = await repo.findCallByExternalId(db, context.workspaceId, input.externalId);
  if (earlier) return { call: await updateReportedCall(db, context, earlier.id, input), isNew: false };
  try {
    const id = await fileCall(db, context, {
      direction: input.direction,
      phoneNumber: input.direction === 'inbound' ? input.from : input.to,
      startedAt,
      endedAt,
      durationSeconds: input.durationSeconds,
      outcome: input.outcome,
      channel: await getChannelRow(db, context.workspaceId, webhook.channel_id),
      agentUserId: null,
      externalId: input.externalId,
    });
    return { call: await getCall(db, context, id), isNew: true };
  } catch (error) {
    // Two deliveries of a new call at once: the unique external id let one in; this one updates it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await repo.findCallByExternalId(db, context.workspaceId, input.externalId);
    if (!winner) throw error;
    return { call: await updateReportedCall(db, context, winner.id, input), isNew: false };
  }
}

async function updateReportedCall(
  db: Kysely<DB>,
  context: WorkspaceContext,
  callId: string,
  input: TelephonyCallInput,
): Promise<Call> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockCall(trx, context.workspaceId, callId);
    if (!row) return;
    const changes: Parameters<typeof repo.updateCallRow>[3] = {};
    const fields: string[] = [];
    const endedAt = input.endedAt ? new Date(input.endedAt) : null;
    if (endedAt && endedAt.getTime() !== row.ended_at?.getTime()) {
      checkTimes(row.started_at, endedAt, 'endedAt');
      changes.ended_at = endedAt;
      fields.push('endedAt');
    }
    const duration =
      input.durationSeconds ?? (endedAt && row.duration_seconds === null ? secondsBetween(row.started_at, endedAt) : null);
    if (duration !== null && duration !== row.duration_seconds) {
      changes.duration_seconds = duration;
      fields.push('durationSeconds');
    }
    if (input.outcome && input.outcome !== row.outcome) {
      changes.outcome = input.outcome;
      fields.push('outcome');
    }
    if (fields.length === 0) return;
    await repo.updateCallRow(trx, context.workspaceId, callId, { ...changes, updated_at: new Date() });
    await recordEvent(trx, context, {
      name: 'call.updated',
      subjectType: 'conversation',
      subjectId: row.conversation_id,
      data: { callId, fields },
    });
  });
  return getCall(db, context, callId);
}
