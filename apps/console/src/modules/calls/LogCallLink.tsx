import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** "Log a call": to the form, with the customer, their number and the conversation filled in. */
export function LogCallLink(props: { customerId: string; phoneNumber?: string | undefined; conversationId?: string }) {
  const { t } = useTranslation();
  const query = new URLSearchParams({ customerId: props.customerId });
  if (props.phoneNumber) query.set('phone', props.phoneNumber);
  if (props.conversationId) query.set('conversationId', props.conversationId);
  return (
    <Link className="button button--small" to={`/calls/new?${query.toString()}`}>
      {t('calls.logCall')}
    </Link>
  );
}
