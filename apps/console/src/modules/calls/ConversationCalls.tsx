import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Call } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { formatPhone, telHref } from '../customers/phone';
import { fetchConversationCalls } from './calls-api';
import { formatDuration } from './call-format';
import { LogCallLink } from './LogCallLink';
import './calls.css';

/**
 * The calls of a conversation, newest first, each with its number, when,
 * how long, how it went and the start of its notes; "Log a call" adds one.
 * Fetched again when `refreshKey` changes (a live event for the conversation).
 */
export function ConversationCalls(props: { conversationId: string; customerId: string; refreshKey: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [calls, setCalls] = useState<Call[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let isCurrent = true;
    fetchConversationCalls(props.conversationId).then(
      (page) => isCurrent && setCalls(page.items),
      (failure: unknown) => isCurrent && setError(failure),
    );
    return () => {
      isCurrent = false;
    };
  }, [props.conversationId, props.refreshKey]);

  return (
    <section className="panel conversation-calls" aria-labelledby="conversation-calls-heading">
      <h2 id="conversation-calls-heading">{t('calls.conversation.title')}</h2>
      <ErrorMessage error={error} />
      {calls.length === 0 ? (
        <p className="muted">{t('calls.conversation.none')}</p>
      ) : (
        <ul className="conversation-calls__list">
          {calls.map((call) => (
            <li key={call.id} className="conversation-calls__item">
              <p>
                <Link to={`/calls/${call.id}`}>
                  {t(`calls.direction.${call.direction}`)} · {formatDateTime(call.startedAt, locale)}
                </Link>
              </p>
              <p className="muted">
                <a href={telHref(call.phoneNumber)}>{formatPhone(call.phoneNumber)}</a>
                {call.durationSeconds !== null && <> · {formatDuration(call.durationSeconds, locale)}</>}
                {call.outcome && <> · {t(`calls.outcomes.${call.outcome}`)}</>}
                {call.endedAt === null && <> · {t('calls.conversation.running')}</>}
              </p>
              {call.notes && <p className="conversation-calls__notes">{call.notes}</p>}
            </li>
          ))}
        </ul>
      )}
      <LogCallLink customerId={props.customerId} conversationId={props.conversationId} />
    </section>
  );
}
