import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { api } from '../../../platform/api-client';
import type { DuplicatePair } from './duplicates';

interface NotSamePersonButtonProps {
  pair: DuplicatePair;
  /** The pair is marked as two people and will not be listed again. */
  onDismissed: (pair: DuplicatePair) => void;
  /** Names the pair for screen readers, since several such buttons share one page. */
  accessibleName: string;
  className?: string;
}

/** "Not the same person": marks the pair as two people, so it is not listed again (the list offers an undo). */
export function NotSamePersonButton({ pair, onDismissed, accessibleName, className = 'button' }: NotSamePersonButtonProps) {
  const { t } = useTranslation();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function dismiss() {
    setBusy(true);
    setError(null);
    try {
      await api.post('/customers/duplicates/dismissals', { customerId: pair.customer.id, duplicateId: pair.duplicate.id });
      onDismissed(pair);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={className} disabled={isBusy} onClick={() => void dismiss()}>
        {t('customers.duplicates.notSamePerson')}
        <span className="visually-hidden"> {accessibleName}</span>
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
