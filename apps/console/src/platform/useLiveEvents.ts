import { useEffect, useLayoutEffect, useRef } from 'react';
import type { RealtimeSignal } from '@rapport/contracts';
import { sharedRealtimeClient, type LiveUpdate } from './realtime';

/**
 * Calls `onEvent` for each committed event of the workspace whose name starts
 * with one of `prefixes` (an empty list: every event), and with
 * `{ type: 'reconnected' }` after the tab's shared socket came back from a gap,
 * when the screen should refetch what it shows. The socket is the tab's one
 * (see realtime.ts); `onEvent` may change on every render without resubscribing.
 */
export function useLiveEvents(prefixes: readonly string[], onEvent: (update: LiveUpdate) => void): void {
  const handler = useRef(onEvent);
  useLayoutEffect(() => {
    handler.current = onEvent;
  });
  // A new array each render must not reconnect the listener: depend on its contents.
  const key = JSON.stringify([...new Set(prefixes)].sort());
  useEffect(() => {
    const listened = JSON.parse(key) as string[];
    return sharedRealtimeClient().listen({ prefixes: listened, onUpdate: (update) => handler.current(update) });
  }, [key]);
}

export type { LiveUpdate };

/**
 * Calls `onSignal` for each signal about one conversation (who is typing, the chat visitor's page) arriving
 * over the tab's shared socket; `null` listens to nothing. Signals are passing state: none is replayed after a
 * reconnect, so a screen that shows one lets it expire by itself. `onSignal` may change on every render.
 */
export function useSignals(conversationId: string | null, onSignal: (signal: RealtimeSignal) => void): void {
  const handler = useRef(onSignal);
  useLayoutEffect(() => {
    handler.current = onSignal;
  });
  useEffect(() => {
    if (conversationId === null) return;
    return sharedRealtimeClient().listenSignals((signal) => {
      if (signal.conversationId === conversationId) handler.current(signal);
    });
  }, [conversationId]);
}
