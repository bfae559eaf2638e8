import { useCallback, useEffect, useState } from 'react';

/** A short list loaded whole (channels, teams, calendars): loading, failed with a retry, or ready. */
export type ListState<T> = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; items: T[] };

/** Loads a list once; `setItems` changes it after a write, `reload` fetches it again. */
export function useList<T>(load: () => Promise<T[]>) {
  const [state, setState] = useState<ListState<T>>({ status: 'loading' });
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    load().then(
      (items) => setState({ status: 'ready', items }),
      (error: unknown) => setState({ status: 'failed', error }),
    );
  }, [load]);
  useEffect(reload, [reload]);
  const setItems = useCallback((change: (items: T[]) => T[]) => {
    setState((current) => (current.status === 'ready' ? { status: 'ready', items: change(current.items) } : current));
  }, []);
  return { state, reload, setItems };
}
