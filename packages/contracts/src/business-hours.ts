import { z } from 'zod';
import { countryCode, timeZone, workingHours, workingHoursInterval } from './common.js';

/** Local wall-clock time "HH:MM" (00:00–23:59, or 24:00 as the end of a day), as users' working hours use it. */
const hhmm = workingHoursInterval.shape.start;

interface TimeRange {
  start: string;
  end: string;
}

// "HH:MM" strings compare in time order, so ranges can be checked without parsing.
function firstOverlap(ranges: TimeRange[]): number {
  const order = ranges.map((range, index) => ({ range, index })).sort((a, b) => (a.range.start < b.range.start ? -1 : 1));
  for (let i = 1; i < order.length; i++) {
    if (order[i]!.range.start < order[i - 1]!.range.end) return order[i]!.index;
  }
  return -1;
}

/**
 * Opening hours of a week: ISO weekday (1 = Monday) and local start/end, the
 * shape of users' working hours. A day may have several intervals (a lunch
 * break); they may not overlap. A day without intervals is closed. An interval
 * ends at 24:00 at the latest: a night shift is two intervals on two days.
 */
export const weeklyHours = workingHours.superRefine((intervals, context) => {
  for (let day = 1; day <= 7; day++) {
    const ofDay = intervals.map((interval, index) => ({ interval, index })).filter((entry) => entry.interval.day === day);
    const overlapping = firstOverlap(ofDay.map((entry) => entry.interval));
    if (overlapping >= 0) {
      context.addIssue({
        code: 'custom',
        message: 'intervals of a day may not overlap',
        path: [ofDay[overlapping]!.index, 'start'],
      });
    }
  }
});
export type WeeklyHours = z.infer<typeof weeklyHours>;

/** One open interval of a particular date, in local time. */
export const openingInterval = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine((v) => v.start < v.end, { message: 'start must be before end', path: ['end'] });
export type OpeningInterval = z.infer<typeof openingInterval>;

/**
 * A workspace's exception for one local date, replacing the weekly hours and
 * any public holiday that day: no hours = closed (a bridge day, a company
 * holiday), some hours = open then (a Saturday worked in exchange for a bridge
 * day, a public holiday the team works).
 */
export const calendarOverride = z.object({
  date: z.iso.date(),
  hours: z
    .array(openingInterval)
    .max(4)
    .refine((hours) => firstOverlap(hours) < 0, { message: 'intervals may not overlap' }),
});
export type CalendarOverride = z.infer<typeof calendarOverride>;

/**
 * When a team or region is open, for SLA clocks: weekly hours in an IANA time
 * zone, closed on the public holidays of a country (and region: a state code
 * as date-holidays knows it, e.g. "BY" in DE), with dated overrides on top.
 */
export const businessCalendar = z
  .object({
    timeZone,
    weeklyHours,
    holidayCountry: countryCode.nullable(),
    holidayRegion: z.string().trim().min(1).max(20).nullable(),
    overrides: z
      .array(calendarOverride)
      .max(1000)
      .superRefine((overrides, context) => {
        const seen = new Set<string>();
        overrides.forEach((override, index) => {
          if (seen.has(override.date))
            context.addIssue({ code: 'custom', message: 'one override per date', path: [index, 'date'] });
          seen.add(override.date);
        });
      }),
  })
  .refine((v) => v.holidayRegion === null || v.holidayCountry !== null, {
    message: 'a holiday region needs a holiday country',
    path: ['holidayRegion'],
  });
export type BusinessCalendar = z.infer<typeof businessCalendar>;
