import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { TableRegion } from '../../../components/TableRegion';
import { useNow } from '../../../components/useNow';
import { usePagedList } from '../../../components/usePagedList';
import { formatDateTime, formatRelativeTime } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { errorReportHref } from './import-api';
import { ImportOutcome } from './ImportOutcome';
import { ImportStatusBadge } from './ImportStatusBadge';

/** The workspace's recent imports, newest first: file, when, status, outcome, error report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const { state, loadMore } = usePagedList<CustomerImport>('/customer-imports?limit=10');
  return (
    <section className="section" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">{t('customers.import.history.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('customers.import.history.none')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <TableRegion label={t('customers.import.history.title')}>
          <table className="table import-history">
            <thead>
              <tr>
                <th scope="col">{t('customers.import.history.file')}</th>
                <th scope="col">{t('customers.import.history.uploaded')}</th>
                <th scope="col">{t('customers.import.history.status')}</th>
                <th scope="col">{t('customers.import.history.outcome')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((item) => {
                const name = item.fileName ?? t('customers.import.history.untitled');
                const hasReport = item.progress.failed > 0 || item.progress.warnings > 0;
                return (
                  <tr key={item.id}>
                    <th scope="row" className="table__primary">
                      <Link to={`/customers/import/${item.id}`} className="import-history__file">
                        {name}
                      </Link>
                    </th>
                    <td>
                      <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, locale)}>
                        {formatRelativeTime(item.createdAt, locale, now.getTime())}
                      </time>
                    </td>
                    <td>
                      <ImportStatusBadge status={item.status} />
                    </td>
                    <td>
                      {item.status === 'uploaded' ? (
                        <span className="muted">{t('customers.import.history.notStarted')}</span>
                      ) : (
                        <ImportOutcome progress={item.progress} />
                      )}
                    </td>
                    <td className="table__actions">
                      {hasReport && (
                        <a href={errorReportHref(item.id)} download className="button button--small">
                          {t('customers.import.history.errorReport')}
                          <span className="visually-hidden"> {name}</span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
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
