import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { currentLocale } from '../../../platform/i18n';
import { formatCount } from './import-progress';

/** "2 created · 1 updated · 1 skipped · 1 not imported" in one line, for the list of imports. */
export function ImportOutcome({ progress }: { progress: CustomerImport['progress'] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const parts = [
    t('customers.import.outcome.created', { count: progress.created, formatted: formatCount(progress.created, locale) }),
    t('customers.import.outcome.updated', { count: progress.updated, formatted: formatCount(progress.updated, locale) }),
  ];
  if (progress.skipped > 0)
    parts.push(
      t('customers.import.outcome.skipped', { count: progress.skipped, formatted: formatCount(progress.skipped, locale) }),
    );
  if (progress.failed > 0)
    parts.push(t('customers.import.outcome.failed', { count: progress.failed, formatted: formatCount(progress.failed, locale) }));
  return (
    <span className="import-outcome">
      {parts.map((part, index) => (
        <span key={index} className="import-outcome__part">
          {part}
        </span>
      ))}
    </span>
  );
}
