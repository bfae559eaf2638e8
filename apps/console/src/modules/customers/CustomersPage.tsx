import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '@rapport/contracts';
import { canAdminister, useMe } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CustomersIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { usePagedList, type PagedListState } from '../../components/usePagedList';
import { CustomerFilters } from './CustomerFilters';
import { CustomerTable } from './CustomerTable';
import { customerExportHref } from './import/export-link';
import {
  customerListPath,
  filtersFromParams,
  filtersToParams,
  isFiltered,
  isSearch as isSearchOf,
  sortChoiceOf,
  sortLabelKeys,
  typedFilters,
  viewParam,
  type CustomerFilters as Filters,
} from './list-query';
import { CustomerViewBar } from './views/CustomerViewBar';
import { viewSearch } from './views/customer-views';

/** Typing pauses this long before the list follows the search box. */
const searchDelayMs = 250;

/** The typed filters blanked: what is left are the choices (selects, dates), which apply at once. */
const untyped = Object.fromEntries(typedFilters.map((name) => [name, name === 'attribute' ? [] : ''])) as Partial<Filters>;

type ReadyState = Extract<PagedListState<CustomerSummary>, { status: 'ready' }>;

/**
 * The customer list: search (typo- and accent-tolerant, on the server),
 * filters and a sort kept in the address, "load more" for the next page
 * (of search results too); saved views above it.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const isManager = canAdminister(useMe());
  const [params, setParams] = useSearchParams();
  const applied = filtersFromParams(params);
  const viewId = params.get(viewParam);
  const [draft, setDraft] = useState<Filters>(applied);
  const { state, loadMore } = usePagedList<CustomerSummary>(customerListPath(applied));

  // The address changed other than by typing here (back button, a link, a saved view): the inputs follow it,
  // in this render, so no effect below sees the new address with the old inputs.
  // Typing itself is left alone, or a space typed between two words would vanish as the list follows.
  const appliedKey = params.toString();
  const [syncedKey, setSyncedKey] = useState(appliedKey);
  if (syncedKey !== appliedKey) {
    setSyncedKey(appliedKey);
    if (filtersToParams(draft, viewId).toString() !== appliedKey) setDraft(applied);
  }

  // Text waits for a pause in typing; a changed select or date applies at once.
  const appliedChoices = filtersToParams({ ...applied, ...untyped }).toString();
  useEffect(() => {
    const next = filtersToParams(draft, viewId).toString();
    if (next === appliedKey) return;
    const isTextOnly = filtersToParams({ ...draft, ...untyped }).toString() === appliedChoices;
    const timer = window.setTimeout(() => setParams(next, { replace: true }), isTextOnly ? searchDelayMs : 0);
    return () => window.clearTimeout(timer);
  }, [draft, viewId, appliedKey, appliedChoices, setParams]);

  // While the next results load, the previous ones stay (marked busy) instead of flashing away.
  const lastReady = useRef<ReadyState | null>(null);
  if (state.status === 'ready') lastReady.current = state;
  const shown = state.status === 'loading' ? lastReady.current : state.status === 'ready' ? state : null;
  const isSearch = isSearchOf(applied);
  const sortChoice = sortChoiceOf(applied);
  const listSearch = params.size > 0 ? `?${appliedKey}` : '';

  return (
    <>
      <div className="page-heading-row">
        <PageHeading title={t('customers.title')}>
          <p>{t('customers.intro')}</p>
        </PageHeading>
        <Link to="/customers/new" className="button button--primary">
          {t('customers.newCustomer')}
        </Link>
      </div>
      <CustomerViewBar filters={applied} viewId={viewId} onOpen={(view) => setParams(view ? viewSearch(view) : '')} />
      <CustomerFilters
        value={draft}
        onChange={setDraft}
        onApplyNow={() => setParams(filtersToParams(draft, viewId), { replace: true })}
      />
      <div className="list-toolbar">
        <p className="list-summary" role="status">
          {shown &&
            (isSearch
              ? t('customers.list.found', { count: shown.items.length })
              : shown.items.length > 0 &&
                (sortChoice === ''
                  ? t('customers.list.shown', { count: shown.items.length })
                  : t('customers.list.shownSorted', { count: shown.items.length, sort: t(sortLabelKeys[sortChoice]) })))}
        </p>
        <div className="list-toolbar__actions">
          <Link to="/customers/duplicates" className="button button--small">
            {t('customers.duplicates.link')}
          </Link>
          {isManager && (
            <>
              <Link to="/customers/import" className="button button--small">
                {t('customers.import.link')}
              </Link>
              <a href={customerExportHref(applied)} download className="button button--small">
                {t('customers.export.link')}
              </a>
            </>
          )}
        </div>
      </div>
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'loading' && !shown && <Loading />}
      {shown && (
        <>
          {shown.items.length > 0 && (
            <CustomerTable
              customers={shown.items}
              isBusy={state.status === 'loading'}
              linkState={{ listSearch }}
              caption={isSearch ? t('customers.list.captionSearch', { query: applied.q.trim() }) : t('customers.title')}
            />
          )}
          {shown.items.length === 0 && !isFiltered(applied) && (
            <EmptyState title={t('customers.emptyTitle')} icon={<CustomersIcon />}>
              <p>{t('customers.emptyBody')}</p>
              <ul>
                <li>{t('customers.emptyPointProfile')}</li>
                <li>{t('customers.emptyPointTimeline')}</li>
                <li>{t('customers.emptyPointImport')}</li>
              </ul>
            </EmptyState>
          )}
          {shown.items.length === 0 && isFiltered(applied) && (
            <div className="no-results">
              <h2>{t('customers.list.noMatchesTitle')}</h2>
              <p className="muted">{t('customers.list.noMatchesBody')}</p>
              <button type="button" className="button" onClick={() => setParams('', { replace: true })}>
                {t('customers.list.clearFilters')}
              </button>
            </div>
          )}
          {state.status === 'ready' && <ErrorMessage error={state.loadMoreError} />}
          {state.status === 'ready' && state.nextCursor && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
              {state.isLoadingMore ? t('app.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
