import type { Fact } from '@rapport/contracts';
import { lacksUzbekData } from '../../platform/format';
import { uzbekRelativeTime } from '../../platform/uzbek-intl';

/** CLDR's Uzbek month names (format context), for browsers without Uzbek data. */
const uzbekMonths = [
  'yanvar',
  'fevral',
  'mart',
  'aprel',
  'may',
  'iyun',
  'iyul',
  'avgust',
  'sentabr',
  'oktabr',
  'noyabr',
  'dekabr',
];

function parseDate(date: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * A calendar date without a time zone ("2026-06-12") in the UI language:
 * "12 June 2026", or only "12 June" for a date that comes round every year.
 */
export function formatCalendarDate(date: string, locale: string, options: { withYear: boolean }): string {
  const parts = parseDate(date);
  if (!parts) return date;
  if (lacksUzbekData(locale)) {
    const dayMonth = `${parts.day}-${uzbekMonths[parts.month - 1] ?? parts.month}`;
    return options.withYear ? `${dayMonth}, ${parts.year}` : dayMonth;
  }
  // Noon UTC, formatted in UTC: the same calendar day in every browser time zone.
  const moment = new Date(Date.UTC(parts.year, parts.month - 1, parts.day, 12));
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    ...(options.withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(moment);
}

/**
 * Whole days from `today` (the agent's calendar day) to the date's next
 * occurrence: yearly dates come round again (29 February falls on
 * 1 March in other years); undefined for one-off dates that have passed.
 */
export function daysUntil(date: string, recursYearly: boolean, today: Date): number | undefined {
  const parts = parseDate(date);
  if (!parts) return undefined;
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  let at = Date.UTC(parts.year, parts.month - 1, parts.day);
  if (recursYearly) {
    at = Date.UTC(today.getFullYear(), parts.month - 1, parts.day);
    if (at < start) at = Date.UTC(today.getFullYear() + 1, parts.month - 1, parts.day);
  }
  const days = Math.round((at - start) / 86_400_000);
  return days < 0 ? undefined : days;
}

/** What the date line of a personal detail says, before translation. */
export type FactDateView =
  | { kind: 'none' }
  | { kind: 'once'; date: string; daysUntil: number | undefined }
  | { kind: 'yearly'; date: string; daysUntil: number | undefined };

/** A personal detail's date, formatted: "12 June 2026", or "12 June" every year. */
export function describeFactDate(fact: Pick<Fact, 'date' | 'recursYearly'>, locale: string, today: Date): FactDateView {
  if (!fact.date) return { kind: 'none' };
  const days = daysUntil(fact.date, fact.recursYearly, today);
  if (fact.recursYearly)
    return { kind: 'yearly', date: formatCalendarDate(fact.date, locale, { withYear: false }), daysUntil: days };
  return { kind: 'once', date: formatCalendarDate(fact.date, locale, { withYear: true }), daysUntil: days };
}

/** Upcoming dates this near are worth a mention ("in 6 days"). */
export const soonDays = 30;

/** "today", "tomorrow", "in 6 days" in the UI language. */
export function formatDaysFromToday(days: number, locale: string): string {
  if (lacksUzbekData(locale)) return uzbekRelativeTime(days, 'day');
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
}
