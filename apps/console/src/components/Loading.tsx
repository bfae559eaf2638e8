import { useTranslation } from 'react-i18next';

/** A quiet "Loading…" line that assistive technology announces. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
