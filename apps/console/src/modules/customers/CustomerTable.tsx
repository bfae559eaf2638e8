import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '@rapport/contracts';
import { TableRegion } from '../../components/TableRegion';
import { useNow } from '../../components/useNow';
import { formatDate, formatLocalTime, regionName, zoneCityName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import type { FromListState } from './BackLink';
import { NotSet } from './NotSet';
import { BreakableEmail } from './BreakableEmail';
import { formatPhone, telHref } from './phone';

interface CustomerTableProps {
  customers: CustomerSummary[];
  caption: string;
  /** Newer results are on their way. */
  isBusy: boolean;
  linkState: FromListState;
}

/** Customers as rows: name (to the profile), company, email, phone, country, their time now, tags, last contact. */
export function CustomerTable({ customers, caption, isBusy, linkState }: CustomerTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow(60_000);
  return (
    <TableRegion label={caption}>
      <table className="table customer-table" aria-busy={isBusy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('customers.list.name')}</th>
            <th scope="col">{t('customers.list.company')}</th>
            <th scope="col">{t('customers.list.email')}</th>
            <th scope="col">{t('customers.list.phone')}</th>
            <th scope="col">{t('customers.list.country')}</th>
            <th scope="col">{t('customers.list.localTime')}</th>
            <th scope="col">{t('customers.list.tags')}</th>
            <th scope="col">{t('customers.list.lastContacted')}</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((customer) => (
            <tr key={customer.id}>
              <th scope="row" className="table__primary">
                <Link to={`/customers/${customer.id}`} state={linkState} className="customer-table__name">
                  {customer.displayName || customer.company || t('customers.unnamed')}
                </Link>
              </th>
              <td>{customer.company ?? <NotSet />}</td>
              <td className="customer-table__contact">
                {customer.primaryEmail ? (
                  <a href={`mailto:${customer.primaryEmail}`}>
                    <BreakableEmail email={customer.primaryEmail} />
                  </a>
                ) : (
                  <NotSet />
                )}
              </td>
              <td className="nowrap">
                {customer.primaryPhone ? (
                  <a href={telHref(customer.primaryPhone)}>{formatPhone(customer.primaryPhone)}</a>
                ) : (
                  <NotSet />
                )}
              </td>
              <td>{customer.country ? regionName(customer.country, locale) : <NotSet />}</td>
              <td>
                {customer.timeZone ? (
                  <>
                    <time className="nowrap">{formatLocalTime(customer.timeZone, locale, now)}</time>
                    <span className="table__secondary">{zoneCityName(customer.timeZone, locale)}</span>
                  </>
                ) : (
                  <NotSet />
                )}
              </td>
              <td>
                {customer.tags.length > 0 ? (
                  <ul className="tag-list">
                    {customer.tags.map((tag) => (
                      <li key={tag} className="tag">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <NotSet />
                )}
              </td>
              <td className="nowrap">
                {customer.lastContactedAt ? (
                  <time dateTime={customer.lastContactedAt}>{formatDate(customer.lastContactedAt, locale)}</time>
                ) : (
                  <span className="muted">{t('customers.list.neverContacted')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
