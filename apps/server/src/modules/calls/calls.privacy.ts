import { registerErasureHandler, registerExportSection } from '../customers/privacy.js';
import { moveCustomerRows, registerMergeHandler } from '../customers/merge-customers.js';

// Erasing a customer erases their calls: numbers and notes. Their conversations (erased by the conversations
// module) take their calls along too; the events about calls are the conversations' and go with them.
registerErasureHandler(async (trx, workspaceId, customerId) => {
  await trx.deleteFrom('calls').where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).execute();
});

// The customer's data export holds their calls in full, notes included.
registerExportSection('calls', async (db, workspaceId, customerId) => {
  const rows = await db
    .selectFrom('calls')
    .select(['id', 'conversation_id', 'direction', 'phone_number', 'started_at', 'ended_at', 'duration_seconds', 'outcome'])
    .select(['notes', 'notes_saved_at'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    phoneNumber: r.phone_number,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    durationSeconds: r.duration_seconds,
    outcome: r.outcome,
    notes: r.notes,
    notesSavedAt: r.notes_saved_at?.toISOString() ?? null,
  }));
});

// Merging two customers keeps every call: the merged customer's move to the one kept.
registerMergeHandler(moveCustomerRows('calls'));
