import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { StatusMessage } from '../../../components/StatusMessage';
import { api } from '../../../platform/api-client';
import { formatDate, regionName } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { customerName } from './customer-name';
import { duplicateReasonText } from './DuplicateReason';
import { pairKey, withoutMerged, withoutPair, type DuplicatePair, type MergeChoice } from './duplicates';
import { MergeControls } from './MergeControls';
import { NotSamePersonButton } from './NotSamePersonButton';

interface DuplicateNoticeProps {
  customer: Customer;
  /** This customer was kept and now holds the other record's details too. */
  onMerged: (kept: Customer) => void;
}

/** Likely duplicates listed before "show more": the hint stays small beside the profile. */
const initiallyShown = 3;

/** What the profile is handed after a merge that kept another record (shown there as a confirmation). */
interface MergedState {
  mergedFrom?: string;
}

/**
 * On a profile: "This may be the same person as …" for each likely
 * duplicate, linking to it, with why (the reason in words), a merge and "not
 * the same person". Silent when there are none or the check fails: the
 * profile matters more than the hint.
 */
export function DuplicateNotice({ customer, onMerged }: DuplicateNoticeProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const [pairs, setPairs] = useState<DuplicatePair[]>([]);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [isExpanded, setExpanded] = useState(false);
  const [mergedFrom, setMergedFrom] = useState<string | null>(() => (location.state as MergedState | null)?.mergedFrom ?? null);
  const [dismissedName, setDismissedName] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    api
      .get<{ items: DuplicatePair[] }>(`/customers/${customer.id}/duplicates`)
      .then((page) => {
        if (isCurrent) setPairs(page.items);
      })
      .catch(() => {
        // Only a hint: the profile stays as it is.
      });
    return () => {
      isCurrent = false;
    };
  }, [customer.id]);

  function merged(kept: Customer, choice: MergeChoice) {
    const sourceName = customerName(choice.source, t);
    if (kept.id !== customer.id) {
      // The other record was kept: its profile is now the one of this person.
      void navigate(`/customers/${kept.id}`, { state: { mergedFrom: sourceName } satisfies MergedState });
      return;
    }
    setPairs((current) => withoutMerged(current, choice.source.id));
    setOpenKey(null);
    setMergedFrom(sourceName);
    onMerged(kept);
  }

  function dismissed(pair: DuplicatePair) {
    setPairs((current) => withoutPair(current, pair));
    setOpenKey(null);
    setDismissedName(customerName(pair.duplicate, t));
  }

  const confirmation = dismissedName ? (
    <StatusMessage>{t('customers.duplicates.notice.dismissed', { name: dismissedName })}</StatusMessage>
  ) : null;

  if (pairs.length === 0) {
    return mergedFrom ? (
      <StatusMessage>{t('customers.duplicates.notice.merged', { source: mergedFrom })}</StatusMessage>
    ) : (
      confirmation
    );
  }
  return (
    <>
      {mergedFrom && <StatusMessage>{t('customers.duplicates.notice.merged', { source: mergedFrom })}</StatusMessage>}
      {confirmation}
      <section className="duplicate-notice" aria-labelledby="duplicate-notice-heading">
        <h2 id="duplicate-notice-heading" className="duplicate-notice__title">
          {t('customers.duplicates.notice.title', { count: pairs.length })}
        </h2>
        <ul className="duplicate-notice__list">
          {(isExpanded ? pairs : pairs.slice(0, initiallyShown)).map((pair) => {
            const other = pair.duplicate;
            const key = pairKey(pair);
            const facts = [
              duplicateReasonText(pair, t),
              other.company,
              other.country ? regionName(other.country, locale) : null,
              other.primaryEmail,
              t('customers.duplicates.notice.since', { date: formatDate(other.createdAt, locale) }),
            ].filter(Boolean);
            return (
              <li key={key} className="duplicate-notice__item">
                <p className="duplicate-notice__text">
                  <Trans
                    i18nKey="customers.duplicates.notice.samePerson"
                    values={{ name: customerName(other, t) }}
                    components={{ profile: <Link to={`/customers/${other.id}`} /> }}
                  />
                  <span className="duplicate-notice__facts">{facts.join(' · ')}</span>
                </p>
                {openKey === key ? (
                  <MergeControls first={pair.customer} second={other} onMerged={merged} />
                ) : (
                  <div className="duplicate-notice__actions">
                    <button type="button" className="button button--small" onClick={() => setOpenKey(key)}>
                      {t('customers.duplicates.notice.merge')}
                      <span className="visually-hidden"> {customerName(other, t)}</span>
                    </button>
                    <NotSamePersonButton
                      pair={pair}
                      onDismissed={dismissed}
                      accessibleName={customerName(other, t)}
                      className="button button--small button--quiet"
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        {!isExpanded && pairs.length > initiallyShown && (
          <button type="button" className="button button--small button--quiet" onClick={() => setExpanded(true)}>
            {t('customers.duplicates.notice.showMore', { count: pairs.length - initiallyShown })}
          </button>
        )}
      </section>
    </>
  );
}
