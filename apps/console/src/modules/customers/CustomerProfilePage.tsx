import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { PageLoadStatus } from '../../components/PageLoadStatus';
import { api } from '../../platform/api-client';
import { BackLink } from './BackLink';
import { CustomerProfile } from './CustomerProfile';
import { isMissingCustomer } from './customer-errors';

type LoadState =
  { status: 'loading' } | { status: 'missing' } | { status: 'failed'; error: unknown } | { status: 'ready'; customer: Customer };

/** `/customers/:customerId`: loads the customer, then shows the whole profile, or a not-found page. */
export function CustomerProfilePage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  // Handed on when the address changes ("just created", the list's search), without reloading for it.
  const locationState = useRef<unknown>(location.state);
  locationState.current = location.state;

  // Only the latest request may fill the page (going from one profile to another quickly).
  const latestRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const customer = await api.get<Customer>(`/customers/${encodeURIComponent(customerId)}`);
      if (request !== latestRequest.current) return;
      setState({ status: 'ready', customer });
      // The id of a customer merged into another answers with that other one: the address follows.
      if (customer.id !== customerId) void navigate(`/customers/${customer.id}`, { replace: true, state: locationState.current });
    } catch (error) {
      if (request !== latestRequest.current) return;
      setState(isMissingCustomer(error) ? { status: 'missing' } : { status: 'failed', error });
    }
  }, [customerId, navigate]);

  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  const replaceCustomer = useCallback((customer: Customer) => setState({ status: 'ready', customer }), []);

  if (state.status === 'ready')
    return <CustomerProfile key={state.customer.id} customer={state.customer} onChange={replaceCustomer} />;
  return (
    <>
      <BackLink />
      <PageLoadStatus
        state={state}
        notFoundTitle={t('customers.profile.notFoundTitle')}
        notFoundBody={t('customers.profile.notFoundBody')}
        loadFailedTitle={t('customers.profile.loadFailedTitle')}
        onRetry={() => void load()}
      />
    </>
  );
}
