import { sql } from 'kysely';
import type { ChannelRow } from '@rapport/db';
import type { WidgetAvailability } from '@rapport/contracts';
import type { Executor } from '../../platform/context.js';
import { isOpenAt, nextOpening } from '../sla/business-calendar.js';
import { slaSettingsFor } from '../sla/sla-settings.js';
import { agentPresenceWindowSeconds } from '../../platform/realtime/presence.js';

/** Fewer first answers than this in the last 30 days: the usual reply time is not told. */
const minimumSamples = 5;
// Availability is asked by every page view of every site: computed at most this often per channel.
const cacheMs = 20_000;
const cache = new Map<string, { value: WidgetAvailability; until: number }>();

/**
 * Whether someone can answer a chat channel now: within its team's business
 * hours (or the workspace's default calendar; none: always) and with at
 * least one agent of the team (any member, without a team) in the console.
 * Offline, when the team is next in; and the usual time to a first answer.
 */
export async function channelAvailability(db: Executor, channel: ChannelRow, now = new Date()): Promise<WidgetAvailability> {
  const key = `${channel.workspace_id}:${channel.id}`;
  const hit = cache.get(key);
  if (hit && hit.until > now.getTime()) return hit.value;
  const { calendar } = await slaSettingsFor(db, channel.workspace_id, channel.team_id, 'normal');
  const withinHours = calendar ? isOpenAt(calendar, now) : true;
  const agentsHere = withinHours && (await anyAgentPresent(db, channel, now));
  const value: WidgetAvailability = {
    online: withinHours && agentsHere,
    nextOnlineAt: !withinHours && calendar ? (nextOpening(calendar, now)?.toISOString() ?? null) : null,
    usualReplyMinutes: await usualReplyMinutes(db, channel, now),
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { value, until: now.getTime() + cacheMs });
  return value;
}

/** Forgets cached availability (tests, and a presence change this process made). */
export function forgetAvailability(): void {
  cache.clear();
}

async function anyAgentPresent(db: Executor, channel: ChannelRow, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - agentPresenceWindowSeconds * 1000);
  let query = db
    .selectFrom('agent_presence as p')
    .select('p.user_id')
    .where('p.workspace_id', '=', channel.workspace_id)
    .where('p.seen_at', '>', since);
  if (channel.team_id) {
    const teamId = channel.team_id;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_members as m')
          .select('m.user_id')
          .whereRef('m.workspace_id', '=', 'p.workspace_id')
          .whereRef('m.user_id', '=', 'p.user_id')
          .where('m.team_id', '=', teamId),
      ),
    );
  }
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

async function usualReplyMinutes(db: Executor, channel: ChannelRow, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const row = await db
    .selectFrom('conversations')
    .select([
      sql<number>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))`.as('median'),
      sql<string>`count(*)`.as('samples'),
    ])
    .where('workspace_id', '=', channel.workspace_id)
    .where('channel_id', '=', channel.id)
    .where('first_response_at', 'is not', null)
    .where('created_at', '>', since)
    .executeTakeFirst();
  if (!row || Number(row.samples) < minimumSamples || row.median === null) return null;
  return Math.max(1, Math.round(Number(row.median) / 60));
}
