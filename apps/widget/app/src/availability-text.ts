import type { WidgetAvailability } from '@rapport/contracts';
import type { Translate } from './i18n';

/**
 * What the panel's header says about availability: "We're online" with the usual reply time, or "We're away"
 * with when the team is back, in the visitor's own time zone and words ("today at 09:00", "tomorrow at …",
 * "on Monday at …", or a date beyond the coming week).
 */

export interface AvailabilityText {
  headline: string;
  detail: string | null;
}

/** The calendar day (as a UTC day number) of an instant in a time zone. */
function dayNumber(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(instant)
    .reduce<Record<string, number>>((found, part) => ({ ...found, [part.type]: Number(part.value) }), {});
  return Math.round(Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1) / 86_400_000);
}

/** "We'll answer … at 09:00 your time", choosing today / tomorrow / weekday / date in the visitor's time zone. */
export function describeNextOnline(next: Date, now: Date, language: string, timeZone: string, t: Translate): string {
  // timeStyle 'short': each locale's own clock ("9:00 AM", "09:00", "9:00").
  const time = new Intl.DateTimeFormat(language, { timeZone, timeStyle: 'short' }).format(next);
  const days = dayNumber(next, timeZone) - dayNumber(now, timeZone);
  if (days <= 0) return t('status.answerToday', { time });
  if (days === 1) return t('status.answerTomorrow', { time });
  if (days < 7) {
    const weekday = new Intl.DateTimeFormat(language, { timeZone, weekday: 'long' }).format(next);
    return t('status.answerWeekday', { weekday, time });
  }
  const date = new Intl.DateTimeFormat(language, { timeZone, month: 'long', day: 'numeric' }).format(next);
  return t('status.answerDate', { date, time });
}

/** "Usually replies within 5 minutes / 2 hours / 1 day", rounded to a unit a person would use. */
export function describeReplyTime(minutes: number, t: Translate): string {
  if (minutes < 60) return t('status.replyMinutes', { count: Math.max(1, Math.round(minutes)) });
  if (minutes < 24 * 60) return t('status.replyHours', { count: Math.round(minutes / 60) });
  return t('status.replyDays', { count: Math.round(minutes / (24 * 60)) });
}

export function describeAvailability(
  availability: WidgetAvailability,
  options: { now: Date; language: string; timeZone: string; t: Translate },
): AvailabilityText {
  const { t } = options;
  if (availability.online) {
    const minutes = availability.usualReplyMinutes;
    return { headline: t('status.online'), detail: minutes === null ? null : describeReplyTime(minutes, t) };
  }
  const next = availability.nextOnlineAt ? new Date(availability.nextOnlineAt) : null;
  const detail =
    next && !Number.isNaN(next.getTime()) ? describeNextOnline(next, options.now, options.language, options.timeZone, t) : null;
  return { headline: t('status.offline'), detail };
}

/** The visitor's IANA time zone, or UTC when the browser does not say. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
