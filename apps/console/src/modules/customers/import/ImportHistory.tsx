import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { DataTable, type DataTableColumn } from '../../../components/DataTable';
import { useNow } from '../../../components/useNow';
import { usePagedList } from '../../../components/usePagedList';
import { RelativeTime } from '../RelativeTime';
import { errorReportHref } from './import-api';
import { ImportOutcome } from './ImportOutcome';
import { ImportStatusBadge } from './ImportStatusBadge';

/** Whether an import has an error report to download: some rows failed or had warnings. */
function hasReport(item: CustomerImport): boolean {
  return item.progress.failed > 0 || item.progress.warnings > 0;
}

/** The workspace's recent imports, newest first: file, when, status, outcome, error report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const now = useNow();
  const { state, loadMore } = usePagedList<CustomerImport>('/customer-imports?limit=10');
  const fileName = (item: CustomerImport) => item.fileName ?? t('customers.import.history.untitled');
  const columns: DataTableColumn<CustomerImport>[] = [
    {
      id: 'file',
      header: t('customers.import.history.file'),
      cell: (item) => (
        <Link to={`/customers/import/${item.id}`} className="import-history__file">
          {fileName(item)}
        </Link>
      ),
    },
    {
      id: 'uploaded',
      header: t('customers.import.history.uploaded'),
      cell: (item) => <RelativeTime iso={item.createdAt} now={now} />,
    },
    { id: 'status', header: t('customers.import.history.status'), cell: (item) => <ImportStatusBadge status={item.status} /> },
    {
      id: 'outcome',
      header: t('customers.import.history.outcome'),
      cell: (item) =>
        item.status === 'uploaded' ? (
          <span className="muted">{t('customers.import.history.notStarted')}</span>
        ) : (
          <ImportOutcome progress={item.progress} />
        ),
    },
  ];
  return (
    <section className="section" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">{t('customers.import.history.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('customers.import.history.none')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <DataTable
          label={t('customers.import.history.title')}
          labelledBy="import-history-heading"
          className="import-history"
          columns={columns}
          rows={state.items}
          rowKey={(item) => item.id}
          actions={(item) =>
            hasReport(item) && (
              <a href={errorReportHref(item.id)} download className="button button--small">
                {t('customers.import.history.errorReport')}
                <span className="visually-hidden"> {fileName(item)}</span>
              </a>
            )
          }
        />
      )}
      {state.status === 'ready' && <ErrorMessage error={state.loadMoreError} />}
      {state.status === 'ready' && state.nextCursor && (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
          {state.isLoadingMore ? t('app.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
