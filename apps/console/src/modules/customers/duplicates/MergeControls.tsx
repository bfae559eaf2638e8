import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerSummary } from '@rapport/contracts';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { api } from '../../../platform/api-client';
import { formatDate, formatDateTime } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { RadioGroup } from '../RadioGroup';
import { customerName } from './customer-name';
import { mergeChoice, olderOf, type MergeChoice } from './duplicates';

interface MergeControlsProps {
  first: CustomerSummary;
  second: CustomerSummary;
  /** After the merge: the kept customer as it is now, and which record went into it. */
  onMerged: (kept: Customer, choice: MergeChoice) => void;
}

/**
 * Which of two records to keep (the older one unless the person says
 * otherwise), and a merge button that first explains, in a confirmation,
 * what happens to the other record.
 */
export function MergeControls({ first, second, onMerged }: MergeControlsProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const older = olderOf(first, second);
  const [keepId, setKeepId] = useState(older.id);
  const [isConfirming, setConfirming] = useState(false);
  const choice = mergeChoice(first, second, keepId);
  // Two records of one day are told apart by the time as well.
  const sameDay = formatDate(first.createdAt, locale) === formatDate(second.createdAt, locale);
  const created = (record: CustomerSummary) =>
    sameDay ? formatDateTime(record.createdAt, locale) : formatDate(record.createdAt, locale);
  const option = (record: CustomerSummary) => ({
    value: record.id,
    label: t(record.id === older.id ? 'customers.duplicates.keepOlder' : 'customers.duplicates.keep', {
      name: customerName(record, t),
      date: created(record),
    }),
  });

  async function merge() {
    const kept = await api.post<Customer>(`/customers/${choice.keep.id}/merge`, { sourceId: choice.source.id });
    onMerged(kept, choice);
  }

  return (
    <div className="merge-controls">
      <RadioGroup
        legend={t('customers.duplicates.keepLegend')}
        hint={t('customers.duplicates.keepHint')}
        name="keep"
        value={keepId}
        options={[option(first), option(second)]}
        onChange={setKeepId}
      />
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        {t('customers.duplicates.merge')}
      </button>
      {isConfirming && (
        <ConfirmDialog
          title={t('customers.duplicates.confirmTitle')}
          body={t('customers.duplicates.confirmBody', {
            source: customerName(choice.source, t),
            keep: customerName(choice.keep, t),
          })}
          confirmLabel={t('customers.duplicates.confirm')}
          onConfirm={merge}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
