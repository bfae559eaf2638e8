import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CustomersIcon } from '../../../components/icons';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { api } from '../../../platform/api-client';
import { BackLink } from '../BackLink';
import { customerName } from './customer-name';
import { DuplicatePairCard } from './DuplicatePairCard';
import { pairKey, withoutMerged, type DuplicatePair, type MergeChoice } from './duplicates';

/** Pairs asked for at once: a review session's worth. */
const pairLimit = 50;

type LoadState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; pairs: DuplicatePair[] };

interface LastMerge {
  kept: Customer;
  sourceName: string;
}

/**
 * `/customers/duplicates`: customers who may be one person (the same or a
 * similar name with the same company or country), side by side, each pair
 * with a merge that keeps the record the person chooses.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [lastMerge, setLastMerge] = useState<LastMerge | null>(null);
  const status = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await api.get<{ items: DuplicatePair[] }>(`/customers/duplicates?limit=${pairLimit}`);
      setState({ status: 'ready', pairs: page.items });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // The merged pair's card (and the button that opened the dialog) is gone: focus goes to the confirmation.
  useEffect(() => {
    if (lastMerge) status.current?.focus();
  }, [lastMerge]);

  function merged(kept: Customer, choice: MergeChoice) {
    setState((current) =>
      current.status === 'ready' ? { status: 'ready', pairs: withoutMerged(current.pairs, choice.source.id) } : current,
    );
    setLastMerge({ kept, sourceName: customerName(choice.source, t) });
  }

  return (
    <>
      <BackLink />
      <PageHeading title={t('customers.duplicates.title')}>
        <p>{t('customers.duplicates.intro')}</p>
      </PageHeading>
      <div ref={status} tabIndex={-1} className="duplicates-status">
        {lastMerge && (
          <p className="alert alert--success" role="status">
            {t('customers.duplicates.merged', { source: lastMerge.sourceName, keep: customerName(lastMerge.kept, t) })}{' '}
            <Link to={`/customers/${lastMerge.kept.id}`}>{t('customers.duplicates.openKept')}</Link>
          </p>
        )}
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
              <DuplicatePairCard key={pairKey(pair)} pair={pair} onMerged={merged} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
