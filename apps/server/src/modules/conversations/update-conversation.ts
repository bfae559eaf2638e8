import type { Kysely } from 'kysely';
import type { ConversationStatus, ConversationsTable, DB } from '@rapport/db';
import type { Conversation, UpdateConversationInput } from '@rapport/contracts';
import type { Updateable } from 'kysely';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { recordEvent, type NewEvent } from '../../platform/events.js';
import { requireTeam } from './teams.js';
import { getConversation } from './list-conversations.js';
import * as repo from './conversations.repo.js';
import { slaUpdate } from './sla-update.js';
import type { SlaChange } from '../sla/sla-clocks.js';

/** How a change moves the SLA clocks, if it does. */
function slaChangeOf(before: ConversationStatus, values: Updateable<ConversationsTable>): SlaChange | null {
  const after = values.status;
  if (after !== undefined && after !== before) {
    if (after === 'resolved' || after === 'closed') return 'ended';
    if (after === 'pending' || after === 'snoozed') return 'paused';
    return 'resumed';
  }
  return values.priority !== undefined || values.team_id !== undefined ? 'retargeted' : null;
}

/** The event each kind of change records (the status change names the new status). */
function eventsOf(before: Record<string, unknown>, after: Record<string, unknown>, id: string): NewEvent[] {
  const changed = (field: string) => field in after && after[field] !== before[field];
  const event = (name: string, fields: string[]): NewEvent => ({
    name,
    subjectType: 'conversation',
    subjectId: id,
    data: {
      before: Object.fromEntries(fields.map((f) => [f, before[f] ?? null])),
      after: Object.fromEntries(fields.map((f) => [f, after[f] ?? null])),
    },
  });
  const events: NewEvent[] = [];
  if (changed('status')) {
    const status = after.status as string;
    const name =
      status === 'resolved'
        ? 'conversation.resolved'
        : status === 'closed'
          ? 'conversation.closed'
          : status === 'snoozed'
            ? 'conversation.snoozed'
            : before.status === 'open'
              ? 'conversation.status_changed'
              : 'conversation.reopened';
    events.push(event(name, ['status', 'snoozed_until']));
  } else if (changed('snoozed_until')) events.push(event('conversation.snoozed', ['snoozed_until']));
  if (changed('assignee_id')) events.push(event('conversation.assigned', ['assignee_id']));
  if (changed('team_id')) events.push(event('conversation.team_changed', ['team_id']));
  if (changed('priority')) events.push(event('conversation.priority_changed', ['priority']));
  const details = ['subject', 'summary', 'language', 'tags'].filter((f) =>
    f === 'tags' ? 'tags' in after && JSON.stringify(after.tags) !== JSON.stringify(before.tags) : changed(f),
  );
  if (details.length) events.push(event('conversation.updated', details));
  return events;
}

/**
 * Changes a conversation's status (snooze with a time), priority, assignee,
 * team, language, subject, summary or tags; each kind of change is its own
 * event (`conversation.assigned`, `conversation.resolved` …). Throws not_found
 * (conversation, team), not_a_member (assignee) and validation_failed
 * (snoozing without a future time).
 */
export async function updateConversation(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  input: UpdateConversationInput,
): Promise<Conversation> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockConversation(trx, context.workspaceId, conversationId);
    if (!row) throw new AppError('not_found', 'No such conversation in this workspace.');
    const values: Updateable<ConversationsTable> = {};
    if (input.status !== undefined) {
      values.status = input.status;
      values.snoozed_until = input.status === 'snoozed' ? new Date(input.snoozedUntil!) : null;
      if (input.status === 'snoozed' && values.snoozed_until! <= new Date())
        throw new AppError('validation_failed', 'A conversation is snoozed until a time in the future.', {
          issues: [{ path: ['snoozedUntil'], code: 'too_small', message: 'must be in the future', in: 'body' }],
        });
      if (input.status === 'resolved' && row.status !== 'resolved') values.resolved_at = new Date();
      if (input.status === 'open' || input.status === 'pending') values.resolved_at = null;
    }
    if (input.priority !== undefined) values.priority = input.priority;
    if (input.assigneeId !== undefined) {
      if (input.assigneeId && !(await repo.isMember(trx, context.workspaceId, input.assigneeId)))
        throw new AppError('not_a_member', 'The assignee is not a member of this workspace.', { userId: input.assigneeId });
      values.assignee_id = input.assigneeId;
    }
    if (input.teamId !== undefined) {
      if (input.teamId) await requireTeam(trx, context.workspaceId, input.teamId);
      values.team_id = input.teamId;
    }
    if (input.language !== undefined) values.language = input.language;
    if (input.subject !== undefined) values.subject = input.subject;
    if (input.summary !== undefined) values.summary = input.summary;
    if (input.tags !== undefined) values.tags = [...new Set(input.tags)];
    const events = eventsOf(row, values, row.id);
    if (events.length === 0) return;
    const change = slaChangeOf(row.status, values);
    if (change) Object.assign(values, await slaUpdate(trx, row, change, new Date(), values));
    await trx
      .updateTable('conversations')
      .set({ ...values, updated_at: new Date() })
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', row.id)
      .execute();
    for (const event of events) await recordEvent(trx, context, event);
  });
  return getConversation(db, context, conversationId);
}
