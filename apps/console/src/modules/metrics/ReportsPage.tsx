import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ReportsIcon } from '../../components/icons';
import { PageHeading } from '../../components/PageHeading';

/** Reports. Until there are conversations and surveys it says what will be measured. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('reports.title')} />
      <EmptyState title={t('reports.emptyTitle')} icon={<ReportsIcon />}>
        <p>{t('reports.emptyBody')}</p>
        <ul>
          <li>{t('reports.emptyPointSatisfaction')}</li>
          <li>{t('reports.emptyPointSpeed')}</li>
          <li>{t('reports.emptyPointLoyalty')}</li>
        </ul>
      </EmptyState>
    </>
  );
}
