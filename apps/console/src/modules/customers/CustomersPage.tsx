import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { CustomersIcon } from '../../components/icons';
import { PageHeading } from '../../components/PageHeading';

/** The customer list. Until customers exist it says what a profile will hold. */
export function CustomersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('customers.title')} />
      <EmptyState title={t('customers.emptyTitle')} icon={<CustomersIcon />}>
        <p>{t('customers.emptyBody')}</p>
        <ul>
          <li>{t('customers.emptyPointProfile')}</li>
          <li>{t('customers.emptyPointTimeline')}</li>
          <li>{t('customers.emptyPointImport')}</li>
        </ul>
      </EmptyState>
    </>
  );
}
