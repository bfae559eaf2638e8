import { sql } from 'kysely';
import type { RealtimeSignal } from '@rapport/contracts';
import type { Executor } from '../context.js';

/**
 * The NOTIFY channel for passing state that is never stored (who is typing,
 * the page a chat visitor is on): every app process hears it and hands it to
 * the sockets it holds, the console's and the widget's.
 */
export const signalsChannel = 'rapport_signals';

export interface SignalNotice {
  workspaceId: string;
  signal: RealtimeSignal;
  /** For agent typing: the name the visitor sees. */
  agentName?: string | null;
}

/** Announces a signal to every app process (immediately, or on commit inside a transaction). */
export async function announceSignal(db: Executor, notice: SignalNotice): Promise<void> {
  await sql`SELECT pg_notify(${signalsChannel}, ${JSON.stringify(notice)})`.execute(db);
}

/** A notification's notice, or null when it is not one (never trusted blindly: it comes from any process). */
export function readSignalNotice(payload: string): SignalNotice | null {
  try {
    const notice = JSON.parse(payload) as SignalNotice;
    return typeof notice.workspaceId === 'string' && typeof notice.signal?.conversationId === 'string' ? notice : null;
  } catch {
    return null;
  }
}
