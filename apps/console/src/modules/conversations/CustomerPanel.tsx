import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Conversation, Customer } from '@rapport/contracts';
import { useMe } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { api } from '../../platform/api-client';
import { languageName, regionName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { LocalClock } from '../customers/LocalClock';
import { fetchActiveConversationsOf } from './conversations-api';
import { customerLabel, statusKey } from './labels';

type Load<T> = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; value: T };

interface CustomerPanelProps {
  conversation: Conversation;
  now: Date;
  /** Changes when the page refreshed live: the other conversations are fetched again. */
  refreshKey: number;
}

/**
 * Who the agent is talking to, beside the thread: name, their local time,
 * language and country, a link to the full profile, and their other
 * conversations that still need something.
 */
export function CustomerPanel({ conversation, now, refreshKey }: CustomerPanelProps) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const customerId = conversation.customer.id;
  const [customer, setCustomer] = useState<Load<Customer>>({ status: 'loading' });
  const [others, setOthers] = useState<Load<Conversation[]>>({ status: 'loading' });

  useEffect(() => {
    let isCurrent = true;
    api.get<Customer>(`/customers/${encodeURIComponent(customerId)}`).then(
      (value) => isCurrent && setCustomer({ status: 'ready', value }),
      (error: unknown) => isCurrent && setCustomer({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [customerId]);

  useEffect(() => {
    let isCurrent = true;
    fetchActiveConversationsOf(customerId).then(
      (page) => isCurrent && setOthers({ status: 'ready', value: page.items.filter((item) => item.id !== conversation.id) }),
      (error: unknown) => isCurrent && setOthers({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [customerId, conversation.id, refreshKey]);

  const name = customerLabel(conversation.customer.displayName, t('customers.unnamed'));
  return (
    <section className="panel customer-panel" aria-labelledby="customer-panel-heading">
      <h2 id="customer-panel-heading">{t('conversations.customer.title')}</h2>
      <p className="customer-panel__name">{name}</p>
      {customer.status === 'loading' && <Loading />}
      {customer.status === 'failed' && <ErrorMessage error={customer.error} />}
      {customer.status === 'ready' && (
        <>
          {customer.value.company && <p className="muted">{customer.value.company}</p>}
          <LocalClock customer={customer.value} agentTimeZone={me.user.timeZone} now={now} />
          <dl className="summary customer-panel__facts">
            <div>
              <dt>{t('conversations.customer.language')}</dt>
              <dd>{customer.value.language ? languageName(customer.value.language, locale) : t('common.notSet')}</dd>
            </div>
            <div>
              <dt>{t('conversations.customer.country')}</dt>
              <dd>{customer.value.country ? regionName(customer.value.country, locale) : t('common.notSet')}</dd>
            </div>
          </dl>
        </>
      )}
      <p>
        <Link to={`/customers/${customerId}`}>{t('conversations.customer.profileLink', { name })}</Link>
      </p>
      <h3 className="customer-panel__subheading">{t('conversations.customer.others')}</h3>
      {others.status === 'loading' && <Loading />}
      {others.status === 'failed' && <ErrorMessage error={others.error} />}
      {others.status === 'ready' && others.value.length === 0 && <p className="muted">{t('conversations.customer.noOthers')}</p>}
      {others.status === 'ready' && others.value.length > 0 && (
        <ul className="customer-panel__others">
          {others.value.map((other) => (
            <li key={other.id}>
              <Link to={`/conversations/${other.id}`}>
                #{other.number} {other.subject || t('conversations.noSubject')}
              </Link>{' '}
              <span className={`badge status status--${other.status}`}>{t(statusKey(other.status))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
