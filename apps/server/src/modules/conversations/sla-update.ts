import type { ConversationRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { advanceSlaClocks, type SlaChange, type SlaClocks } from '../sla/sla-clocks.js';
import { slaSettingsFor, type SlaSettings } from '../sla/sla-settings.js';

/**
 * The SLA columns to write with a change to a conversation: its clocks
 * advanced under its team's (or the default) business hours and its
 * priority's targets. `after` holds the priority and team the conversation
 * has once the change is written, when they change; `settings`, the
 * settings of the conversation as it is, when already read with it.
 */
export async function slaUpdate(
  db: Executor,
  conversation: ConversationRow,
  change: SlaChange,
  now: Date,
  after: { priority?: ConversationRow['priority']; team_id?: string | null } = {},
  settings?: SlaSettings,
): Promise<SlaClocks> {
  const changesSettings = after.team_id !== undefined || after.priority !== undefined;
  const { calendar, targets } =
    settings && !changesSettings
      ? settings
      : await slaSettingsFor(
          db,
          conversation.workspace_id,
          after.team_id !== undefined ? after.team_id : conversation.team_id,
          after.priority ?? conversation.priority,
        );
  return advanceSlaClocks(
    {
      first_response_due_at: conversation.first_response_due_at,
      next_response_due_at: conversation.next_response_due_at,
      resolution_due_at: conversation.resolution_due_at,
      resolution_minutes_used: conversation.resolution_minutes_used,
      resolution_clock_started_at: conversation.resolution_clock_started_at,
      due_at: conversation.due_at,
    },
    change,
    {
      now,
      calendar,
      targets,
      createdAt: conversation.created_at,
      hasFirstResponse: conversation.first_response_at !== null,
      awaitingReplySince: conversation.next_response_due_at ? conversation.last_message_at : null,
    },
  );
}
