import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../platform/api-client';

/**
 * The customer's data rights, for owners and admins: a copy of everything held
 * about them (JSON), and erasure everywhere (the audit log keeps who and when).
 */
export function PrivacySection({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [isConfirming, setConfirming] = useState(false);

  async function erase() {
    await api.delete(`/customers/${customer.id}`);
    void navigate('/customers', { replace: true });
  }

  return (
    <section className="panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('customers.privacy.title')}</h2>
      <p className="section-intro">{t('customers.privacy.intro')}</p>
      <p>
        <a className="button button--small" href={`/api/v1/customers/${customer.id}/export`} download>
          {t('customers.privacy.download')}
        </a>
      </p>
      <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)}>
        {t('customers.privacy.erase')}
      </button>
      {isConfirming && (
        <ConfirmDialog
          title={t('customers.privacy.eraseTitle', { name: customer.displayName })}
          body={t('customers.privacy.eraseBody')}
          confirmLabel={t('customers.privacy.eraseConfirm')}
          onConfirm={erase}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
