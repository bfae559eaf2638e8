import { formatCustomerName, type Call } from '@rapport/contracts';
import type { CallDetailRow } from './calls.repo.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentCall(row: CallDetailRow): Call {
  const displayName =
    formatCustomerName({
      givenName: row.given_name,
      familyName: row.family_name,
      middleName: row.middle_name,
      nameOrder: row.name_order as 'given_first' | 'family_first' | null,
      language: row.customer_language,
      country: row.customer_country,
    }) ||
    row.customer_company ||
    '';
  return {
    id: row.id,
    conversationId: row.conversation_id,
    conversationNumber: Number(row.conversation_number),
    customer: row.customer_id ? { id: row.customer_id, displayName } : null,
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
