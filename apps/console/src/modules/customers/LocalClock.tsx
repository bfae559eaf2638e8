import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { formatLocalTime, zoneCityName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { minutesAhead, timeZoneLongName } from './local-time';

interface LocalClockProps {
  customer: Pick<Customer, 'timeZone' | 'timeZoneSource'>;
  agentTimeZone: string;
  now: Date;
}

/** Hours with at most one decimal, in the UI language's digits ("4,5" in Hungarian). */
function formatHours(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(minutes) / 60);
}

/** The customer's time now, the zone's city and name, where the zone came from, and how far it is from the agent's. */
export function LocalClock({ customer, agentTimeZone, now }: LocalClockProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = customer.timeZone;
  if (!zone) {
    return (
      <div className="local-clock local-clock--unknown">
        <p className="local-clock__label">{t('customers.profile.localTime')}</p>
        <p className="local-clock__unknown">{t('customers.profile.timeZoneUnknown')}</p>
      </div>
    );
  }
  const ahead = minutesAhead(zone, agentTimeZone, now);
  const longName = timeZoneLongName(zone, locale, now);
  let difference = '';
  if (ahead === 0) difference = t('customers.profile.sameTime');
  else if (ahead !== undefined) {
    const values = { count: Math.abs(ahead) / 60, hours: formatHours(ahead, locale) };
    difference = ahead > 0 ? t('customers.profile.ahead', values) : t('customers.profile.behind', values);
  }
  return (
    <div className="local-clock">
      <p className="local-clock__label">{t('customers.profile.localTime')}</p>
      <p className="local-clock__time">
        <time>{formatLocalTime(zone, locale, now)}</time>
      </p>
      <p className="local-clock__zone">
        {zoneCityName(zone, locale)}
        {longName && <span className="local-clock__zone-name">{longName}</span>}
      </p>
      <p className="local-clock__note">
        {difference}
        {customer.timeZoneSource && customer.timeZoneSource !== 'explicit' && (
          <span className="local-clock__source">{t(`customers.profile.timeZoneFrom.${customer.timeZoneSource}`)}</span>
        )}
      </p>
    </div>
  );
}
