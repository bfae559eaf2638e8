import type { Kysely } from 'kysely';
import type { CallRow, DB } from '@rapport/db';
import type { Call, UpdateCallInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { checkTimes, secondsBetween } from './file-call.js';
import { getCall } from './list-calls.js';
import * as repo from './calls.repo.js';

/**
 * Changes a call. Notes are the autosave: saved only over the version they
 * were based on (`notesVersion`), else call_notes_conflict with the current
 * notes in details (the same text again is not a conflict: a retried save);
 * a save sets notes_saved_at and records no event (it runs every few seconds
 * while the agent types). Ending the call, its duration or outcome record
 * `call.updated` with the changed fields. Ending without a duration computes
 * it. Throws not_found, validation_failed, call_notes_conflict.
 */
export async function updateCall(
  db: Kysely<DB>,
  context: WorkspaceContext,
  callId: string,
  input: UpdateCallInput,
): Promise<Call> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockCall(trx, context.workspaceId, callId);
    if (!row) throw new AppError('not_found', 'No such call in this workspace.');
    const now = new Date();
    const changes: Parameters<typeof repo.updateCallRow>[3] = {};
    if (input.notes !== undefined && input.notes !== row.notes) {
      if (input.notesVersion !== row.notes_version)
        throw new AppError('call_notes_conflict', 'The notes were saved meanwhile; merge them and save again.', {
          notes: row.notes,
          notesVersion: row.notes_version,
          notesSavedAt: row.notes_saved_at?.toISOString() ?? null,
        });
      Object.assign(changes, { notes: input.notes, notes_version: row.notes_version + 1 });
    }
    if (input.notes !== undefined) changes.notes_saved_at = now;
    const fields = endChanges(row, input, changes);
    if (Object.keys(changes).length === 0) return;
    await repo.updateCallRow(trx, context.workspaceId, callId, { ...changes, updated_at: now });
    if (fields.length)
      await recordEvent(trx, context, {
        name: 'call.updated',
        subjectType: 'conversation',
        subjectId: row.conversation_id,
        data: { callId, fields },
      });
  });
  return getCall(db, context, callId);
}

/** Writes the end, duration and outcome into `changes`; returns the names of the fields that change. */
function endChanges(row: CallRow, input: UpdateCallInput, changes: Partial<CallRow>): string[] {
  const fields: string[] = [];
  if (input.endedAt !== undefined) {
    const endedAt = input.endedAt === null ? null : new Date(input.endedAt);
    checkTimes(row.started_at, endedAt, 'endedAt');
    if (endedAt?.getTime() !== row.ended_at?.getTime()) {
      changes.ended_at = endedAt;
      fields.push('endedAt');
      if (input.durationSeconds === undefined && endedAt && row.duration_seconds === null)
        input = { ...input, durationSeconds: secondsBetween(row.started_at, endedAt) };
    }
  }
  if (input.durationSeconds !== undefined && input.durationSeconds !== row.duration_seconds) {
    changes.duration_seconds = input.durationSeconds;
    fields.push('durationSeconds');
  }
  if (input.outcome !== undefined && input.outcome !== row.outcome) {
    changes.outcome = input.outcome;
    fields.push('outcome');
  }
  return fields;
}
