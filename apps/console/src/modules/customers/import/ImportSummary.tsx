import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { currentLocale } from '../../../platform/i18n';
import { errorReportHref } from './import-api';
import { formatCount, isImportFinished } from './import-progress';

/**
 * What the import did (so far, while it runs): customers created and
 * updated, rows skipped (existing customers left alone), rows not imported and rows with a warning; once it has ended, the
 * error report and the way back to the list.
 */
export function ImportSummary({ customerImport }: { customerImport: CustomerImport }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { progress, status } = customerImport;
  const isFinished = isImportFinished(status);
  const hasReport = progress.failed > 0 || progress.warnings > 0;
  const items = [
    { key: 'created', value: progress.created },
    { key: 'updated', value: progress.updated },
    // Only an import that skips existing customers can skip a row.
    ...(customerImport.existing === 'skip' ? [{ key: 'skipped', value: progress.skipped } as const] : []),
    { key: 'failed', value: progress.failed },
    { key: 'warnings', value: progress.warnings },
  ] as const;
  return (
    <>
      <h3 className="import-summary__title">
        {isFinished ? t('customers.import.summary.title') : t('customers.import.summary.titleSoFar')}
      </h3>
      <dl className="import-summary">
        {items.map((item) => (
          <div
            key={item.key}
            className={`import-summary__item import-summary__item--${item.key}${item.value > 0 ? ' import-summary__item--some' : ''}`}
          >
            <dt>{t(`customers.import.summary.${item.key}`)}</dt>
            <dd>{formatCount(item.value, locale)}</dd>
          </div>
        ))}
      </dl>
      {isFinished && hasReport && (
        <div className="import-summary__report">
          <a href={errorReportHref(customerImport.id)} download className="button">
            {t('customers.import.summary.errorReport')}
          </a>
          <p className="field__hint">{t('customers.import.summary.errorReportHint')}</p>
        </div>
      )}
      {isFinished && (
        <div className="form__actions">
          <Link to="/customers" className="button button--primary">
            {t('customers.import.summary.toList')}
          </Link>
          <Link to="/customers/import" className="button">
            {t('customers.import.summary.another')}
          </Link>
        </div>
      )}
    </>
  );
}
