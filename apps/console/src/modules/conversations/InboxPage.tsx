import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { InboxIcon } from '../../components/icons';
import { PageHeading } from '../../components/PageHeading';

/** The shared inbox. Until channels exist it says what will arrive here. */
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('inbox.title')} />
      <EmptyState title={t('inbox.emptyTitle')} icon={<InboxIcon />}>
        <p>{t('inbox.emptyBody')}</p>
        <ul>
          <li>{t('inbox.emptyPointChannels')}</li>
          <li>{t('inbox.emptyPointContext')}</li>
          <li>{t('inbox.emptyPointSla')}</li>
        </ul>
      </EmptyState>
    </>
  );
}
