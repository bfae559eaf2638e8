import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { dueCountdown, type DurationPart } from './sla';

/** "2 h 5 min" in the UI language, numbers through Intl. */
function useFormatDuration() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const number = new Intl.NumberFormat(locale);
  const part = ({ unit, value }: DurationPart) =>
    t(`conversations.duration.${unit}`, { count: value, value: number.format(value) });
  return (parts: DurationPart[]) => {
    const [first, second] = parts;
    if (!first) return '';
    return second ? t('conversations.duration.pair', { first: part(first), second: part(second) }) : part(first);
  };
}

/**
 * When the next answer is due, counted down in the browser from `dueAt`
 * ("due in 25 min", "overdue 10 min"), with the exact time on hover; nothing
 * when nothing is due.
 */
export function SlaCountdown({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const formatDuration = useFormatDuration();
  if (!dueAt) return <span className="muted">{t('conversations.sla.nothingDue')}</span>;
  const countdown = dueCountdown(dueAt, now.getTime());
  const duration = formatDuration(countdown.parts);
  const tone = countdown.isOverdue ? 'sla--overdue' : countdown.isSoon ? 'sla--soon' : 'sla--later';
  return (
    <time className={`sla ${tone}`} dateTime={dueAt} title={formatDateTime(dueAt, currentLocale())}>
      {countdown.isOverdue ? t('conversations.sla.overdue', { duration }) : t('conversations.sla.dueIn', { duration })}
    </time>
  );
}
