import { useTranslation } from 'react-i18next';
import type { CustomerImportStatus } from '@rapport/contracts';

/** An import's status as a coloured label: waiting for mapping, queued, importing, finished, failed. */
export function ImportStatusBadge({ status }: { status: CustomerImportStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--import-${status}`}>{t(`customers.import.statuses.${status}`)}</span>;
}
