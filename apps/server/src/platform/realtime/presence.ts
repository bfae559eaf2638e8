import type { Executor } from '../context.js';

/** An agent counts as there while their console's realtime socket refreshes presence (every heartbeat, 30 s). */
export const agentPresenceWindowSeconds = 90;

/** Marks the people with a console socket in this process as present now (one upsert). */
export async function recordAgentPresence(
  db: Executor,
  members: { workspaceId: string; userId: string }[],
  now = new Date(),
): Promise<void> {
  const unique = new Map(members.map((m) => [`${m.workspaceId}:${m.userId}`, m]));
  if (unique.size === 0) return;
  await db
    .insertInto('agent_presence')
    .values([...unique.values()].map((m) => ({ workspace_id: m.workspaceId, user_id: m.userId, seen_at: now })))
    .onConflict((c) => c.columns(['workspace_id', 'user_id']).doUpdateSet({ seen_at: now }))
    .execute();
}
