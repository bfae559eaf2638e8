import type { BusinessCalendar, CalendarOverride, WorkingHoursInterval } from '@rapport/contracts';
import { findIntervalProblems } from '../profile/working-hours';

/** Monday to Friday, 09:00–17:00: where new business hours start. */
export function defaultWeek(): WorkingHoursInterval[] {
  return [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
}

/** A new calendar in the workspace's time zone and country. */
export function newCalendar(timeZone: string, country: string | null): BusinessCalendar {
  return { timeZone, weeklyHours: defaultWeek(), holidayCountry: country, holidayRegion: null, overrides: [] };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Positions of overrides the server would refuse: no date, a date used twice,
 * or hours with an end not after the start or overlapping.
 */
export function invalidOverrides(overrides: readonly CalendarOverride[]): number[] {
  const seen = new Set<string>();
  return overrides.flatMap((override, index) => {
    const isDuplicate = seen.has(override.date);
    seen.add(override.date);
    const hours = override.hours.map((interval) => ({ day: 1, ...interval }));
    const isBad = !datePattern.test(override.date) || isDuplicate || findIntervalProblems(hours).size > 0;
    return isBad ? [index] : [];
  });
}

/** The date after the last override (or tomorrow), for the next one added. */
export function nextOverrideDate(overrides: readonly CalendarOverride[], today: Date = new Date()): string {
  const last = [...overrides]
    .map((override) => override.date)
    .filter((date) => datePattern.test(date))
    .sort()
    .at(-1);
  const base = last
    ? new Date(`${last}T12:00:00Z`)
    : new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate(), 12));
  base.setUTCDate(base.getUTCDate() + 1);
  return base.toISOString().slice(0, 10);
}
