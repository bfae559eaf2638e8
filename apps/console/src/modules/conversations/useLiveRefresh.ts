import { useEffect, useRef } from 'react';
import type { RealtimeEvent } from '@rapport/contracts';
import { useLiveEvents } from '../../platform/useLiveEvents';

/** The events that change what the inbox and a conversation show. */
export const conversationEventPrefixes = ['conversation.', 'message.', 'note.'] as const;

/** Events arriving within this window are answered with one refetch. */
const coalesceMs = 250;

/**
 * Runs `refresh` when a relevant committed event arrives over the shared
 * WebSocket, and after the socket reconnected (events of the gap are not
 * replayed). A burst of events (a wave of inbound mail) becomes one refetch
 * at a time: events during a running refetch lead to exactly one more.
 */
export function useLiveRefresh(isRelevant: (event: RealtimeEvent) => boolean, refresh: () => Promise<void>): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const timer = useRef<number | undefined>(undefined);
  const isRunning = useRef(false);
  const isAgainNeeded = useRef(false);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function schedule() {
    if (isRunning.current) {
      isAgainNeeded.current = true;
      return;
    }
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      isRunning.current = true;
      // A failed refetch shows its own error; the next event tries again.
      const done = () => {
        isRunning.current = false;
        if (isAgainNeeded.current) {
          isAgainNeeded.current = false;
          schedule();
        }
      };
      refreshRef.current().then(done, done);
    }, coalesceMs);
  }

  useLiveEvents(conversationEventPrefixes, (update) => {
    if (update.type === 'reconnected' || isRelevant(update.event)) schedule();
  });
}
