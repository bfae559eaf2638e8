import { useEffect, useLayoutEffect, useRef } from 'react';
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
