import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TableRegion } from '../../components/TableRegion';
import { usePagedList } from '../../components/usePagedList';
import { formatDateTime, formatRelativeTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { auditEventLabelKey, auditEventSubject } from './audit-events';

/** Who did what and when in the workspace, newest first, 50 at a time. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { state, loadMore } = usePagedList<AuditEvent>('/events?limit=50');

  function actorLabel(event: AuditEvent): string {
    if (event.actorName) return event.actorName;
    if (event.actorType === 'system') return t('audit.system');
    if (event.actorType === 'api_token') return t('audit.apiToken');
    return t('common.unknownPerson');
  }

  function eventLabel(event: AuditEvent): string {
    const key = auditEventLabelKey(event.name);
    return key ? t(key) : event.name;
  }

  return (
    <>
      <PageHeading title={t('audit.title')}>
        <p>{t('audit.intro')}</p>
      </PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('audit.none')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <TableRegion label={t('audit.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((event) => {
                const subject = auditEventSubject(event);
                return (
                  <tr key={event.id}>
                    <td className="nowrap">
                      <time dateTime={event.createdAt} title={formatRelativeTime(event.createdAt, locale)}>
                        {formatDateTime(event.createdAt, locale)}
                      </time>
                    </td>
                    <td>
                      {actorLabel(event)}
                      {event.actorType === 'api_token' && event.actorName && (
                        <span className="badge badge--muted">{t('audit.apiToken')}</span>
                      )}
                    </td>
                    <td>
                      <span className="audit__what">{eventLabel(event)}</span>
                      {subject && <span className="audit__subject">{subject}</span>}
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
    </>
  );
}
