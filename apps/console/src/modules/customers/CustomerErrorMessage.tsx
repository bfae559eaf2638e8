import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { displayIdentity, identityKinds } from './identities';
import { takenIdentity } from './customer-errors';

/**
 * The shared ErrorMessage, which also explains `identity_taken`: whose the
 * email or phone is, with a link to that customer's profile.
 */
export function CustomerErrorMessage({ error, currentCustomerId }: { error: unknown; currentCustomerId?: string }) {
  const { t } = useTranslation();
  const taken = takenIdentity(error);
  if (!taken) return <ErrorMessage error={error} />;
  const kind = identityKinds.find((item) => item === taken.kind);
  const value = taken.value && kind ? displayIdentity(kind, taken.value) : taken.value;
  const canOpen = taken.customerId && taken.customerId !== currentCustomerId;
  return (
    <div className="alert alert--error" role="alert">
      <p>{value ? t('errors.identityTakenBy', { value }) : t('errors.identity_taken')}</p>
      {canOpen && (
        <p>
          <Link to={`/customers/${taken.customerId}`}>{t('errors.openOtherCustomer')}</Link>
        </p>
      )}
    </div>
  );
}
