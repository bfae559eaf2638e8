import { formatDateTime, formatRelativeTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';

/** A moment as "3 hours ago", with the exact date and time on hover and for machines. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  const locale = currentLocale();
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)}>
      {formatRelativeTime(iso, locale, now.getTime())}
    </time>
  );
}
