import type { TFunction } from 'i18next';
import type { CustomerSummary } from '@rapport/contracts';

/** The name a record is shown by: its display name, else its company, else "Unnamed customer". */
export function customerName(record: Pick<CustomerSummary, 'displayName' | 'company'>, t: TFunction): string {
  return record.displayName || record.company || t('customers.unnamed');
}
