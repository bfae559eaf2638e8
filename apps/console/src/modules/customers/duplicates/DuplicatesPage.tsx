import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer, DuplicatePage } from '@rapport/contracts';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CustomersIcon } from '../../../components/icons';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { api } from '../../../platform/api-client';
import { formatDate } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { BackLink } from '../BackLink';
import { customerName } from './customer-name';
import { DuplicatePairCard } from './DuplicatePairCard';
import { appendPairs, pairKey, withoutMerged, withoutPair, type DuplicatePair, type MergeChoice } from './duplicates';

/** Pairs asked for at once: a review session's worth. */
const pairLimit = 50;

interface Loaded {
  status: 'ready';
  pairs: DuplicatePair[];
  /** Where checking older customers continues; null when every customer was checked. */
  nextCursor: string | null;
  checkedThrough: string | null;
}

type LoadState = { status: 'loading' } | { status: 'failed'; error: unknown } | Loaded;

/** What the status line above the list confirms: a merge, or a pair marked as two people (with an undo). */
type LastAction =
  { type: 'merged'; kept: Customer; sourceName: string } | { type: 'dismissed'; pair: DuplicatePair; index: number };

/**
 * `/customers/duplicates`: customers who may be one person (the same mailbox
 * or phone number, or the same or a similar name with the same company or
 * country), side by side, each pair with a merge that keeps the record the
 * person chooses and a "not the same person" that stops listing it. The
 * newest customers are checked first; older ones on request.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [lastAction, setLastAction] = useState<LastAction | null>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [undoError, setUndoError] = useState<unknown>(null);
  const status = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await api.get<DuplicatePage>(`/customers/duplicates?limit=${pairLimit}`);
      setState({ status: 'ready', pairs: page.items, nextCursor: page.nextCursor, checkedThrough: page.checkedThrough });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // The pair's card (and the button that was pressed) is gone: focus goes to the confirmation.
  useEffect(() => {
    if (lastAction) status.current?.focus();
  }, [lastAction]);

  async function loadMore(current: Loaded) {
    if (!current.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.get<DuplicatePage>(
        `/customers/duplicates?limit=${pairLimit}&cursor=${encodeURIComponent(current.nextCursor)}`,
      );
      setState((latest) =>
        latest.status === 'ready'
          ? {
              status: 'ready',
              pairs: appendPairs(latest.pairs, page.items),
              nextCursor: page.nextCursor,
              checkedThrough: page.checkedThrough ?? latest.checkedThrough,
            }
          : latest,
      );
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  function merged(kept: Customer, choice: MergeChoice) {
    setState((current) =>
      current.status === 'ready' ? { ...current, pairs: withoutMerged(current.pairs, choice.source.id) } : current,
    );
    setUndoError(null);
    setLastAction({ type: 'merged', kept, sourceName: customerName(choice.source, t) });
  }

  function dismissed(pair: DuplicatePair) {
    const index = state.status === 'ready' ? state.pairs.findIndex((shown) => pairKey(shown) === pairKey(pair)) : -1;
    setState((current) => (current.status === 'ready' ? { ...current, pairs: withoutPair(current.pairs, pair) } : current));
    setUndoError(null);
    setLastAction({ type: 'dismissed', pair, index });
  }

  async function undoDismissal(action: Extract<LastAction, { type: 'dismissed' }>) {
    setUndoError(null);
    try {
      await api.delete(`/customers/duplicates/dismissals/${action.pair.customer.id}/${action.pair.duplicate.id}`);
    } catch (error) {
      setUndoError(error);
      return;
    }
    setState((current) => {
      if (current.status !== 'ready') return current;
      const pairs = [...current.pairs];
      pairs.splice(action.index < 0 ? pairs.length : Math.min(action.index, pairs.length), 0, action.pair);
      return { ...current, pairs };
    });
    setLastAction(null);
  }

  return (
    <>
      <BackLink />
      <PageHeading title={t('customers.duplicates.title')}>
        <p>{t('customers.duplicates.intro')}</p>
      </PageHeading>
      <div ref={status} tabIndex={-1} className="duplicates-status">
        {lastAction?.type === 'merged' && (
          <p className="alert alert--success" role="status">
            {t('customers.duplicates.merged', { source: lastAction.sourceName, keep: customerName(lastAction.kept, t) })}{' '}
            <Link to={`/customers/${lastAction.kept.id}`}>{t('customers.duplicates.openKept')}</Link>
          </p>
        )}
        {lastAction?.type === 'dismissed' && (
          <p className="alert alert--success" role="status">
            {t('customers.duplicates.dismissed', {
              first: customerName(lastAction.pair.customer, t),
              second: customerName(lastAction.pair.duplicate, t),
            })}{' '}
            <button type="button" className="button button--small" onClick={() => void undoDismissal(lastAction)}>
              {t('customers.duplicates.undo')}
            </button>
          </p>
        )}
        <ErrorMessage error={undoError} />
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && (
        <>
          <ErrorMessage error={state.error} />
          <button type="button" className="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </>
      )}
      {state.status === 'ready' && state.pairs.length === 0 && (
        <EmptyState title={t('customers.duplicates.emptyTitle')} icon={<CustomersIcon />}>
          <p>{t('customers.duplicates.emptyBody')}</p>
        </EmptyState>
      )}
      {state.status === 'ready' && state.pairs.length > 0 && (
        <>
          <p className="list-summary">{t('customers.duplicates.count', { count: state.pairs.length })}</p>
          <ul className="duplicate-list">
            {state.pairs.map((pair) => (
              <DuplicatePairCard key={pairKey(pair)} pair={pair} onMerged={merged} onDismissed={dismissed} />
            ))}
          </ul>
        </>
      )}
      {state.status === 'ready' && state.nextCursor && (
        <div className="duplicates-more">
          {state.checkedThrough && (
            <p className="duplicates-more__checked">
              {t('customers.duplicates.checkedThrough', { date: formatDate(state.checkedThrough, locale) })}
            </p>
          )}
          <button type="button" className="button" disabled={isLoadingMore} onClick={() => void loadMore(state)}>
            {t('customers.duplicates.checkOlder')}
          </button>
          <ErrorMessage error={moreError} />
        </div>
      )}
    </>
  );
}
