import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '@rapport/contracts';
import { fetchConversationPage, maxPageSize } from './conversations-api';
import { inboxListPath, inboxPageSize, type InboxQuery } from './inbox-query';

export type InboxListState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | {
      status: 'ready';
      items: Conversation[];
      nextCursor: string | null;
      isLoadingMore: boolean;
      loadMoreError: unknown;
      /** The last live refresh failed (the list shown is the one before it). */
      refreshError: unknown;
    };

/**
 * The inbox list for a query: the first page, more pages on request, and a
 * `refresh` for live updates that reloads as many rows as are shown or asked
 * for with "Load more" (up to the API's largest page), so a refresh never
 * takes away rows the agent scrolled to. Only the latest request may fill the
 * list: a page loaded while a refresh runs supersedes it and refreshes again
 * afterwards, and a refresh that starts while a page loads brings that page's
 * rows itself.
 */
export function useInboxList(query: InboxQuery) {
  const [state, setState] = useState<InboxListState>({ status: 'loading' });
  const path = inboxListPath(query);
  const latest = useRef(0);
  const shownCount = useRef(0);
  /** Rows the agent asked for with "Load more", for a refresh that supersedes the page request. */
  const wantedCount = useRef(0);
  const runningRefreshes = useRef(0);
  if (state.status === 'ready') shownCount.current = state.items.length;

  useEffect(() => {
    const request = ++latest.current;
    setState({ status: 'loading' });
    shownCount.current = 0;
    wantedCount.current = 0;
    fetchConversationPage(path).then(
      (page) => {
        if (request === latest.current)
          setState({ status: 'ready', ...page, isLoadingMore: false, loadMoreError: null, refreshError: null });
      },
      (error: unknown) => {
        if (request === latest.current) setState({ status: 'failed', error });
      },
    );
  }, [path]);

  const queryRef = useRef(query);
  queryRef.current = query;

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    const limit = Math.min(maxPageSize, Math.max(inboxPageSize, shownCount.current, wantedCount.current));
    runningRefreshes.current++;
    try {
      const page = await fetchConversationPage(inboxListPath(queryRef.current, limit));
      if (request !== latest.current) return;
      setState({ status: 'ready', ...page, isLoadingMore: false, loadMoreError: null, refreshError: null });
    } catch (error) {
      if (request !== latest.current) return;
      setState((current) =>
        current.status === 'ready' ? { ...current, isLoadingMore: false, refreshError: error } : { status: 'failed', error },
      );
    } finally {
      runningRefreshes.current--;
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.nextCursor || state.isLoadingMore) return;
    // A refresh still running would answer with the rows shown before this page: it is superseded, and run again after.
    const isRefreshSuperseded = runningRefreshes.current > 0;
    const request = ++latest.current;
    wantedCount.current = state.items.length + inboxPageSize;
    const cursor = state.nextCursor;
    setState({ ...state, isLoadingMore: true, loadMoreError: null });
    try {
      const page = await fetchConversationPage(path, cursor);
      if (request !== latest.current) return;
      setState((current) =>
        current.status === 'ready'
          ? {
              ...current,
              // A live refresh may have brought a row of this page already.
              items: [...current.items, ...page.items.filter((item) => !current.items.some((shown) => shown.id === item.id))],
              nextCursor: page.nextCursor,
              isLoadingMore: false,
            }
          : current,
      );
      if (isRefreshSuperseded) void refresh();
    } catch (error) {
      if (request !== latest.current) return;
      setState((current) => (current.status === 'ready' ? { ...current, isLoadingMore: false, loadMoreError: error } : current));
      if (isRefreshSuperseded) void refresh();
    }
  }, [path, state, refresh]);

  return { state, refresh, loadMore };
}
