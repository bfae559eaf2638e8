import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading';
import { BackLink } from '../BackLink';
import { ImportHistory } from './ImportHistory';
import { ImportSteps } from './ImportSteps';
import { ImportUploadForm } from './ImportUploadForm';
import { ManagersOnly } from './ManagersOnly';

/** `/customers/import`: step 1 of the import wizard (upload a CSV file), and the recent imports. */
export function ImportPage() {
  const { t } = useTranslation();
  return (
    <ManagersOnly>
      <BackLink />
      <PageHeading title={t('customers.import.title')}>
        <p>{t('customers.import.intro')}</p>
      </PageHeading>
      <ImportSteps current="upload" />
      <ImportUploadForm />
      <ImportHistory />
    </ManagersOnly>
  );
}
