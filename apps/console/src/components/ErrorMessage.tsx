import { useTranslation } from 'react-i18next';
import { describeError, errorReference } from '../platform/error-messages';

/** A translated error from a failed request, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = describeError(error);
  const reference = errorReference(error);
  return (
    <div className="alert alert--error" role="alert">
      <p>{t(message.key, message.values)}</p>
      {reference && <p className="alert__reference">{t('errors.reference', { requestId: reference })}</p>}
    </div>
  );
}
