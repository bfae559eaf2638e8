import { beforePosition, registerTimelineProvider } from '../customers/timeline.js';

/** Longest excerpt of a call's notes on the customer's timeline. */
const excerptLength = 280;

// The customer's calls on their timeline, at the time they started, with the start of the notes.
registerTimelineProvider({
  kind: 'call',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await db
      .selectFrom('calls as k')
      .innerJoin('conversations as c', (j) =>
        j.onRef('c.workspace_id', '=', 'k.workspace_id').onRef('c.id', '=', 'k.conversation_id'),
      )
      .leftJoin('users as u', 'u.id', 'k.agent_user_id')
      .select(['k.id', 'k.direction', 'k.phone_number', 'k.started_at', 'k.ended_at', 'k.duration_seconds', 'k.outcome'])
      .select(['k.notes', 'k.conversation_id', 'c.number', 'u.name as agent_name'])
      .where('k.workspace_id', '=', workspaceId)
      .where('k.customer_id', '=', customerId)
      .where(beforePosition('call', before, 'k.started_at', 'k.id'))
      .orderBy('k.started_at', 'desc')
      .orderBy('k.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'call',
      id: r.id,
      occurredAt: r.started_at.toISOString(),
      type: `call.${r.direction}`,
      actorName: r.agent_name,
      data: {
        callId: r.id,
        conversationId: r.conversation_id,
        conversationNumber: Number(r.number),
        direction: r.direction,
        phoneNumber: r.phone_number,
        endedAt: r.ended_at?.toISOString() ?? null,
        durationSeconds: r.duration_seconds,
        outcome: r.outcome,
        text: r.notes.length > excerptLength ? `${r.notes.slice(0, excerptLength)}…` : r.notes,
      },
    }));
  },
});
