import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canAdminister, useMe } from '../../../app/session';
import { PageHeading } from '../../../components/PageHeading';
import { BackLink } from '../BackLink';

/** Import pages are for owners and admins (the server refuses agents); agents are told so instead of meeting errors. */
export function ManagersOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (canAdminister(me)) return children;
  return (
    <>
      <BackLink />
      <PageHeading title={t('customers.import.title')}>
        <p>{t('customers.import.managersOnly')}</p>
      </PageHeading>
    </>
  );
}
