import { useTranslation } from 'react-i18next';

/** A muted dash for an empty table cell, read out as "Not set". */
export function NotSet() {
  const { t } = useTranslation();
  return (
    <>
      <span className="muted" aria-hidden="true">
        —
      </span>
      <span className="visually-hidden">{t('common.notSet')}</span>
    </>
  );
}
