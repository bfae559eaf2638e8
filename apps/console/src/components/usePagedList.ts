import { useCallback, useEffect, useState } from 'react';
import { api } from '../platform/api-client';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PagedListState<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; items: T[]; nextCursor: string | null; isLoadingMore: boolean; loadMoreError: unknown };

function withCursor(path: string, cursor: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
}

/**
 * Loads a cursor-paginated list (`{ items, nextCursor }`) and appends further
 * pages on request. `replaceItems` updates rows in place after a change.
 */
export function usePagedList<T>(path: string) {
  const [state, setState] = useState<PagedListState<T>>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      const page = await api.get<Page<T>>(path);
      setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, isLoadingMore: false, loadMoreError: null });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [path]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const cursor = state.nextCursor;
    setState({ ...state, isLoadingMore: true, loadMoreError: null });
    try {
      const page = await api.get<Page<T>>(withCursor(path, cursor));
      setState((current) =>
        current.status === 'ready'
          ? { ...current, items: [...current.items, ...page.items], nextCursor: page.nextCursor, isLoadingMore: false }
          : current,
      );
    } catch (error) {
      setState((current) => (current.status === 'ready' ? { ...current, isLoadingMore: false, loadMoreError: error } : current));
    }
  }, [path, state]);

  const replaceItems = useCallback((change: (items: T[]) => T[]) => {
    setState((current) => (current.status === 'ready' ? { ...current, items: change(current.items) } : current));
  }, []);

  return { state, reload, loadMore, replaceItems };
}
