import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InboxIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useNow } from '../../components/useNow';
import { ConversationTable } from './ConversationTable';
import { inboxQueryFromParams, inboxQueryToParams, isNarrowed, type InboxQuery } from './inbox-query';
import { InboxFilters } from './InboxFilters';
import { InboxViewList } from './InboxViewList';
import { statusKey } from './labels';
import './conversations.css';
import { useDirectory } from './useDirectory';
import { useInboxList, type InboxListState } from './useInboxList';
import { useLiveRefresh } from './useLiveRefresh';

type ReadyState = Extract<InboxListState, { status: 'ready' }>;

/**
 * `/conversations`: the inbox. Views (mine, unassigned, all, each team) on
 * the side, status, channel and language filters kept in the address, rows
 * soonest due first with "load more", refreshed live as conversations and
 * messages change.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = inboxQueryFromParams(params);
  const directory = useDirectory();
  const { state, refresh, loadMore } = useInboxList(query);
  // The SLA countdowns tick every 15 s: a minute boundary shows within a quarter of it.
  const now = useNow(15_000);

  useLiveRefresh((event) => event.subjectType === 'conversation' && !event.name.startsWith('note.'), refresh);

  // While another view loads, the previous rows stay (marked busy) instead of flashing away.
  const lastReady = useRef<ReadyState | null>(null);
  if (state.status === 'ready') lastReady.current = state;
  const shown = state.status === 'loading' ? lastReady.current : state.status === 'ready' ? state : null;

  const team = directory.teams.find((item) => item.id === query.teamId);
  const viewName = team ? team.name : t(`inbox.views.${query.view}`);
  const caption = t('inbox.list.caption', { view: viewName, status: t(statusKey(query.status)) });
  const search = inboxQueryToParams(query).toString();
  const listSearch = search ? `?${search}` : '';
  const change = (next: InboxQuery) => setParams(inboxQueryToParams(next), { replace: true });
  const isPlainEmpty = !query.teamId && query.view === 'all' && !isNarrowed(query);

  return (
    <>
      <PageHeading title={t('inbox.title')} />
      <div className="inbox">
        <InboxViewList query={query} teams={directory.teams} />
        <div className="inbox__main">
          <InboxFilters query={query} channels={directory.channels} onChange={change} />
          <ErrorMessage error={directory.error} />
          <p className="list-summary" role="status">
            {shown && shown.items.length > 0 && t('inbox.list.shown', { count: shown.items.length })}
          </p>
          {state.status === 'failed' && <ErrorMessage error={state.error} />}
          {state.status === 'ready' && <ErrorMessage error={state.refreshError} />}
          {state.status === 'loading' && !shown && <Loading />}
          {shown && shown.items.length > 0 && (
            <div aria-busy={state.status === 'loading' || undefined}>
              <ConversationTable
                conversations={shown.items}
                caption={caption}
                now={now}
                memberName={directory.memberName}
                listSearch={listSearch}
              />
            </div>
          )}
          {shown && shown.items.length === 0 && isPlainEmpty && directory.channels.length === 0 && !directory.isLoading && (
            <EmptyState title={t('inbox.emptyTitle')} icon={<InboxIcon />}>
              <p>{t('inbox.emptyBody')}</p>
              <ul>
                <li>{t('inbox.emptyPointChannels')}</li>
                <li>{t('inbox.emptyPointContext')}</li>
                <li>{t('inbox.emptyPointSla')}</li>
              </ul>
            </EmptyState>
          )}
          {shown && shown.items.length === 0 && (!isPlainEmpty || directory.channels.length > 0) && (
            <div className="no-results">
              <h2>{t('inbox.list.noneTitle')}</h2>
              <p className="muted">{t('inbox.list.noneBody')}</p>
            </div>
          )}
          {state.status === 'ready' && <ErrorMessage error={state.loadMoreError} />}
          {state.status === 'ready' && state.nextCursor && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
              {state.isLoadingMore ? t('app.loading') : t('common.loadMore')}
            </button>
          )}
        </div>
      </div>
    </>
  );
}
