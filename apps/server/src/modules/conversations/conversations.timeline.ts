import { beforePosition, registerTimelineProvider } from '../customers/timeline.js';

/** Longest excerpt of a message on the customer's timeline. */
const excerptLength = 280;

// Every message and note of the customer's conversations on their timeline, newest first.
registerTimelineProvider({
  kind: 'message',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await db
      .selectFrom('conversations as c')
      .innerJoin('messages as m', (j) => j.onRef('m.workspace_id', '=', 'c.workspace_id').onRef('m.conversation_id', '=', 'c.id'))
      .leftJoin('users as u', 'u.id', 'm.author_user_id')
      .select([
        'm.id',
        'm.direction',
        'm.body_text',
        'm.created_at',
        'm.delivery_status',
        'c.id as conversation_id',
        'c.number',
        'c.subject',
      ])
      .select('u.name as author_name')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.customer_id', '=', customerId)
      .where(beforePosition('message', before, 'm.created_at', 'm.id'))
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: 'message',
      id: r.id,
      occurredAt: r.created_at.toISOString(),
      type: `message.${r.direction}`,
      actorName: r.author_name,
      data: {
        conversationId: r.conversation_id,
        conversationNumber: Number(r.number),
        subject: r.subject,
        excerpt: r.body_text.length > excerptLength ? `${r.body_text.slice(0, excerptLength)}…` : r.body_text,
        deliveryStatus: r.delivery_status,
      },
    }));
  },
});
