import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../platform/i18n';
import { formatPercent } from '../import/import-progress';
import { contactSpellings, reasonLabel, type DuplicatePair } from './duplicates';

/** Why a pair is listed, in words: "Similar name, same country: 82 %", "Same phone number (WhatsApp)". */
export function duplicateReasonText(pair: DuplicatePair, t: TFunction): string {
  const label = reasonLabel(pair);
  return t(`customers.duplicates.reasons.${label.key}`, {
    score: label.score === null ? '' : formatPercent(label.score, currentLocale()),
  });
}

/** The reason as a badge, and the two spellings of a shared contact when they differ. */
export function DuplicateReason({ pair }: { pair: DuplicatePair }) {
  const { t } = useTranslation();
  const spellings = contactSpellings(pair);
  return (
    <>
      <span className="badge badge--duplicate">{duplicateReasonText(pair, t)}</span>
      {spellings && (
        <span className="duplicate-reason__contact">
          {t('customers.duplicates.sameMailbox', { first: spellings[0], second: spellings[1] })}
        </span>
      )}
    </>
  );
}
