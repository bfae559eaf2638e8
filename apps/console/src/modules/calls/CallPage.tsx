import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Call } from '@rapport/contracts';
import { PageHeading } from '../../components/PageHeading';
import { PageLoadStatus } from '../../components/PageLoadStatus';
import { useNow } from '../../components/useNow';
import { ApiError } from '../../platform/api-client';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { PhoneLink } from '../customers/PhoneLink';
import { CallNotes } from './CallNotes';
import { EndCallForm } from './EndCallForm';
import { fetchCall } from './calls-api';
import { formatDuration } from './call-format';
import './calls.css';

type LoadState =
  { status: 'loading' } | { status: 'missing' } | { status: 'failed'; error: unknown } | { status: 'ready'; call: Call };

/**
 * `/calls/:callId`: one call — who, which way, since when (a running clock
 * until it ends) — with its notes pane, autosaved while the agent types,
 * and the form that ends it with an outcome.
 */
export function CallPage() {
  const { t } = useTranslation();
  const { callId = '' } = useParams();
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', call: await fetchCall(callId) });
    } catch (error) {
      setState(error instanceof ApiError && error.status === 404 ? { status: 'missing' } : { status: 'failed', error });
    }
  }, [callId]);

  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  const replace = useCallback((call: Call) => setState({ status: 'ready', call }), []);

  if (state.status !== 'ready')
    return (
      <PageLoadStatus
        state={state}
        notFoundTitle={t('calls.page.notFoundTitle')}
        notFoundBody={t('calls.page.notFoundBody')}
        loadFailedTitle={t('calls.page.loadFailedTitle')}
        onRetry={() => void load()}
      />
    );
  return <CallView key={state.call.id} call={state.call} onChange={replace} />;
}

function CallView({ call, onChange }: { call: Call; onChange: (call: Call) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow(1000);
  const isRunning = call.endedAt === null;
  const seconds = isRunning
    ? (now.getTime() - new Date(call.startedAt).getTime()) / 1000
    : (call.durationSeconds ?? (new Date(call.endedAt ?? call.startedAt).getTime() - new Date(call.startedAt).getTime()) / 1000);
  const customerName = call.customer?.displayName || t('customers.unnamed');
  return (
    <>
      <PageHeading eyebrow={t(`calls.direction.${call.direction}`)} title={t('calls.page.title', { name: customerName })} />
      <dl className="call-facts">
        <div>
          <dt>{t('calls.page.number')}</dt>
          <dd>
            <PhoneLink phone={call.phoneNumber} />
          </dd>
        </div>
        {call.customer && (
          <div>
            <dt>{t('calls.page.customer')}</dt>
            <dd>
              <Link to={`/customers/${call.customer.id}`}>{customerName}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('calls.page.conversation')}</dt>
          <dd>
            <Link to={`/conversations/${call.conversationId}`}>#{call.conversationNumber}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('calls.page.started')}</dt>
          <dd>{formatDateTime(call.startedAt, locale)}</dd>
        </div>
        <div>
          <dt>{isRunning ? t('calls.page.running') : t('calls.page.duration')}</dt>
          <dd className="call-facts__duration">{formatDuration(seconds, locale)}</dd>
        </div>
        {call.outcome && (
          <div>
            <dt>{t('calls.end.outcome')}</dt>
            <dd>{t(`calls.outcomes.${call.outcome}`)}</dd>
          </div>
        )}
      </dl>
      <div className="profile-columns">
        <div className="profile-columns__main">
          <CallNotes call={call} onSaved={onChange} />
        </div>
        <div className="profile-columns__side">
          <EndCallForm call={call} onChange={onChange} />
        </div>
      </div>
    </>
  );
}
