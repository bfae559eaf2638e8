import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { PageHeading } from '../../../components/PageHeading';
import { PageLoadStatus } from '../../../components/PageLoadStatus';
import { api } from '../../../platform/api-client';
import { currentLocale } from '../../../platform/i18n';
import { isMissingCustomer } from '../customer-errors';
import { formatFileSize } from './import-format';
import { isImportActive } from './import-progress';
import { ImportMappingForm } from './ImportMappingForm';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportSteps } from './ImportSteps';
import { ManagersOnly } from './ManagersOnly';

/** How often a running import is asked for news. */
const pollIntervalMs = 1000;

type LoadState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; item: CustomerImport };

/** "← Import customers", back to step 1 and the list of imports. */
function ImportBackLink() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to="/customers/import">
        <span aria-hidden="true">← </span>
        {t('customers.import.backToImports')}
      </Link>
    </p>
  );
}

/**
 * `/customers/import/:importId`: step 2 (how the file was read, what each
 * column holds) while the import waits, then step 3 (progress, asked for
 * every second, and the summary).
 */
function ImportDetail() {
  const { t } = useTranslation();
  const { importId = '' } = useParams();
  const locale = currentLocale();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [pollError, setPollError] = useState<unknown>(null);
  // Bumped after a failed poll, so the next attempt is scheduled all the same.
  const [retries, setRetries] = useState(0);

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', item: await api.get<CustomerImport>(`/customer-imports/${encodeURIComponent(importId)}`) });
    } catch (error) {
      // The same test as for a customer: not_found, or an id in the address that cannot be one.
      setState(isMissingCustomer(error) ? { status: 'missing' } : { status: 'failed', error });
    }
  }, [importId]);

  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  const item = state.status === 'ready' ? state.item : null;
  useEffect(() => {
    if (!item || !isImportActive(item.status)) return;
    let isCurrent = true;
    const timer = window.setTimeout(() => {
      api
        .get<CustomerImport>(`/customer-imports/${encodeURIComponent(item.id)}`)
        .then((next) => {
          if (!isCurrent) return;
          setPollError(null);
          setState({ status: 'ready', item: next });
        })
        .catch((error: unknown) => {
          if (!isCurrent) return;
          setPollError(error);
          setRetries((count) => count + 1);
        });
    }, pollIntervalMs);
    return () => {
      isCurrent = false;
      window.clearTimeout(timer);
    };
  }, [item, retries]);

  const replace = useCallback((next: CustomerImport) => setState({ status: 'ready', item: next }), []);

  if (state.status !== 'ready') {
    return (
      <>
        <ImportBackLink />
        <PageLoadStatus
          state={state}
          notFoundTitle={t('customers.import.notFoundTitle')}
          notFoundBody={t('customers.import.notFoundBody')}
          loadFailedTitle={t('customers.import.loadFailedTitle')}
          onRetry={() => void load()}
        />
      </>
    );
  }

  return (
    <>
      <ImportBackLink />
      <PageHeading title={t('customers.import.title')}>
        <p>
          {t('customers.import.fileLine', {
            name: state.item.fileName ?? t('customers.import.history.untitled'),
            size: formatFileSize(state.item.fileBytes, locale),
          })}
        </p>
      </PageHeading>
      <ImportSteps current={state.item.status === 'uploaded' ? 'map' : 'import'} />
      {state.item.status === 'uploaded' ? (
        <ImportMappingForm customerImport={state.item} onChange={replace} />
      ) : (
        <ImportProgressPanel customerImport={state.item} pollError={pollError} />
      )}
    </>
  );
}

export function ImportDetailPage() {
  return (
    <ManagersOnly>
      <ImportDetail />
    </ManagersOnly>
  );
}
