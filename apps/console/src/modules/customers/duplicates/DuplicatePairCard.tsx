import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerSummary } from '@rapport/contracts';
import { TableRegion } from '../../../components/TableRegion';
import { formatDate, regionName } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { BreakableEmail } from '../BreakableEmail';
import { NotSet } from '../NotSet';
import { PhoneLink } from '../PhoneLink';
import { customerName } from './customer-name';
import { DuplicateReason } from './DuplicateReason';
import type { DuplicatePair, MergeChoice } from './duplicates';
import { MergeControls } from './MergeControls';
import { NotSamePersonButton } from './NotSamePersonButton';

interface DuplicatePairCardProps {
  pair: DuplicatePair;
  onMerged: (kept: Customer, choice: MergeChoice) => void;
  onDismissed: (pair: DuplicatePair) => void;
}

interface Row {
  key: string;
  label: string;
  value: (record: CustomerSummary) => ReactNode;
  /** Comparable text, to mark rows where the two records differ. */
  text: (record: CustomerSummary) => string;
}

/**
 * Two records that may be one person, side by side (name, company, country,
 * email, phone, created), why they are listed, the merge, and "not the same
 * person".
 */
export function DuplicatePairCard({ pair, onMerged, onDismissed }: DuplicatePairCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const records = [pair.customer, pair.duplicate];
  const headingId = useId();
  const rows: Row[] = [
    {
      key: 'company',
      label: t('customers.list.company'),
      value: (record) => record.company ?? <NotSet />,
      text: (record) => record.company ?? '',
    },
    {
      key: 'country',
      label: t('customers.list.country'),
      value: (record) => (record.country ? regionName(record.country, locale) : <NotSet />),
      text: (record) => record.country ?? '',
    },
    {
      key: 'email',
      label: t('customers.list.email'),
      value: (record) => (record.primaryEmail ? <BreakableEmail email={record.primaryEmail} /> : <NotSet />),
      text: (record) => record.primaryEmail ?? '',
    },
    {
      key: 'phone',
      label: t('customers.list.phone'),
      value: (record) => (record.primaryPhone ? <PhoneLink phone={record.primaryPhone} /> : <NotSet />),
      text: (record) => record.primaryPhone ?? '',
    },
    {
      key: 'created',
      label: t('customers.profile.since'),
      value: (record) => <time dateTime={record.createdAt}>{formatDate(record.createdAt, locale)}</time>,
      text: (record) => formatDate(record.createdAt, locale),
    },
  ];
  const names = records.map((record) => customerName(record, t));
  return (
    <li className="panel duplicate-pair">
      <section aria-labelledby={headingId}>
        <div className="duplicate-pair__head">
          <h2 id={headingId} className="duplicate-pair__title">
            {t('customers.duplicates.pairTitle', { first: names[0], second: names[1] })}
          </h2>
          <DuplicateReason pair={pair} />
        </div>
        <TableRegion label={t('customers.duplicates.compare', { first: names[0], second: names[1] })}>
          <table className="table duplicate-compare">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('customers.duplicates.detail')}</span>
                </th>
                {records.map((record, column) => (
                  <th key={record.id} scope="col">
                    <Link to={`/customers/${record.id}`} className="duplicate-compare__name">
                      {names[column]}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const isDifferent = row.text(records[0]!) !== row.text(records[1]!);
                return (
                  <tr key={row.key} className={isDifferent ? 'duplicate-compare__row--different' : undefined}>
                    <th scope="row">{row.label}</th>
                    {records.map((record) => (
                      <td key={record.id}>{row.value(record)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
        <MergeControls first={pair.customer} second={pair.duplicate} onMerged={onMerged} />
        <div className="duplicate-pair__dismiss">
          <p className="duplicate-pair__dismiss-hint">{t('customers.duplicates.notSamePersonHint')}</p>
          <NotSamePersonButton
            pair={pair}
            onDismissed={onDismissed}
            accessibleName={t('customers.duplicates.pairTitle', { first: names[0], second: names[1] })}
          />
        </div>
      </section>
    </li>
  );
}
