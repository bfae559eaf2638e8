import type { Call } from '@rapport/contracts';
import { customerOf } from '../conversations/conversations.presenters.js';
import type { CallDetailRow } from './calls.repo.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentCall(row: CallDetailRow): Call {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    conversationNumber: Number(row.conversation_number),
    customer: row.customer_id ? customerOf({ ...row, customer_id: row.customer_id }) : null,
    direction: row.direction,
    phoneNumber: row.phone_number,
    startedAt: row.started_at.toISOString(),
    endedAt: iso(row.ended_at),
    durationSeconds: row.duration_seconds,
    outcome: row.outcome,
    notes: row.notes,
    notesVersion: row.notes_version,
    notesSavedAt: iso(row.notes_saved_at),
    agent: row.agent_user_id ? { id: row.agent_user_id, name: row.agent_name ?? '' } : null,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
