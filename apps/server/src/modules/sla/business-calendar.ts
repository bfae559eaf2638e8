import type { BusinessCalendar } from '@rapport/contracts';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { isPublicHoliday } from './holidays.js';

/*
 * Local time is read with Intl.DateTimeFormat in the calendar's zone, so the
 * runtime's tzdata decides every UTC offset. A "wall" value is a local
 * wall-clock time written as milliseconds since 1970-01-01 00:00 on that
 * clock; a "day" is a local date as a day number since 1970-01-01.
 *
 * An opening hour maps to the first instant the wall clock reaches it:
 * - a time that does not exist (02:30 on a spring-forward night) maps to the
 *   instant the clocks jump, so an interval loses the skipped part (an 8-hour
 *   day spanning the jump lasts 7 hours);
 * - a time that occurs twice (02:30 on an autumn-back night) maps to its first
 *   occurrence, so an interval spanning the repeat lasts an hour longer.
 * Open intervals therefore follow what the clock on the wall says.
 */

/** An open interval as instants: open from `start` (included) until `end` (excluded). */
export interface OpenInterval {
  start: Date;
  end: Date;
}

// Not yet in errors.ts (registered by the lead): a calendar with no open hour in the next 366 days.
const calendarNeverOpen: ErrorCode = 'calendar_never_open';

const minuteMs = 60_000;
const dayMs = 86_400_000;
/** How far ahead a calendar may be closed before it counts as never open. */
const searchDays = 366;

type Range = [number, number];

interface Prepared {
  timeZone: string;
  /** Open minute ranges of the local day by ISO weekday (index 1–7), sorted and merged. */
  weekly: Range[][];
  overrides: Map<string, Range[]>;
  holidayCountry: string | null;
  holidayRegion: string | null;
}

/** Whether the calendar is open at an instant (holidays and overrides applied). */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const prepared = prepare(calendar);
  const instant = instantOf(at, 'at');
  const day = dayOf(prepared.timeZone, instant);
  for (let d = day - 1; d <= day + 1; d++) {
    if (openRanges(prepared, d).some(([start, end]) => start <= instant && instant < end)) return true;
  }
  return false;
}

/** The first instant at or after `at` when the calendar is open; null if closed for the next 366 days. */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date | null {
  const prepared = prepare(calendar);
  const instant = instantOf(at, 'at');
  const day = dayOf(prepared.timeZone, instant);
  for (let d = day - 1; d <= day + searchDays; d++) {
    const range = openRanges(prepared, d).find(([, end]) => end > instant);
    if (range) return new Date(Math.max(range[0], instant));
  }
  return null;
}

/**
 * `from` plus `minutes` of open time: the SLA due time. 0 minutes while
 * closed gives the next opening; a span that ends exactly at a closing time
 * gives that closing time. Walks open intervals day by day, never minute by
 * minute. Throws `calendar_never_open` when the calendar stays closed for 366
 * days before the minutes are used up, `validation_failed` for negative or
 * non-finite minutes or an invalid date.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new AppError('validation_failed', 'minutes must be a finite number, zero or more', { minutes });
  }
  const prepared = prepare(calendar);
  let cursor = instantOf(from, 'from');
  let remaining = Math.round(minutes * minuteMs);
  const firstDay = dayOf(prepared.timeZone, cursor);
  let lastOpenDay = firstDay;
  for (let d = firstDay - 1; ; d++) {
    if (d - lastOpenDay > searchDays) {
      const after = new Date(cursor).toISOString();
      throw new AppError(calendarNeverOpen, `the calendar is closed for ${searchDays} days after ${after}`, { after });
    }
    for (const [start, end] of openRanges(prepared, d)) {
      if (end <= cursor) continue;
      lastOpenDay = d;
      const begin = Math.max(start, cursor);
      if (remaining <= end - begin) return new Date(begin + remaining);
      remaining -= end - begin;
      cursor = end;
    }
  }
}

/**
 * Open minutes between two instants (may be fractional; 0 when `to` is not
 * after `from`): the SLA clock's elapsed time over one running stretch.
 * Pauses are the caller's: it sums the stretches. Throws `validation_failed`
 * for an invalid date.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const prepared = prepare(calendar);
  const start = instantOf(from, 'from');
  const end = instantOf(to, 'to');
  if (end <= start) return 0;
  let total = 0;
  const lastDay = dayOf(prepared.timeZone, end);
  for (let d = dayOf(prepared.timeZone, start) - 1; d <= lastDay + 1; d++) {
    for (const [rangeStart, rangeEnd] of openRanges(prepared, d)) {
      total += Math.max(0, Math.min(rangeEnd, end) - Math.max(rangeStart, start));
    }
  }
  return total / minuteMs;
}

/**
 * The open intervals of one local date ("YYYY-MM-DD") in the calendar's zone,
 * as instants in time order: the override for that date if there is one,
 * else nothing on a public holiday, else the weekly hours of its weekday.
 * Throws `validation_failed` for a malformed date, `unknown_holiday_region`
 * when the calendar's holiday country or region is unknown.
 */
export function openIntervalsOn(calendar: BusinessCalendar, localDate: string): OpenInterval[] {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(localDate) ? Date.parse(`${localDate}T00:00:00Z`) / dayMs : NaN;
  if (!Number.isInteger(day) || dateOf(day) !== localDate) {
    throw new AppError('validation_failed', 'localDate must be a date such as 2026-03-27', { localDate });
  }
  return openRanges(prepare(calendar), day).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new AppError('validation_failed', `${name} is not a valid date`, { [name]: String(date) });
  return instant;
}

function prepare(calendar: BusinessCalendar): Prepared {
  const weekly: Range[][] = Array.from({ length: 8 }, () => []);
  for (const interval of calendar.weeklyHours) weekly[interval.day]!.push(toRange(interval));
  return {
    timeZone: calendar.timeZone,
    weekly: weekly.map(merge),
    overrides: new Map(calendar.overrides.map((override) => [override.date, merge(override.hours.map(toRange))])),
    holidayCountry: calendar.holidayCountry,
    holidayRegion: calendar.holidayRegion,
  };
}

function toRange(interval: { start: string; end: string }): Range {
  return [minutesOf(interval.start), minutesOf(interval.end)];
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// The schema forbids overlaps; merging keeps the walk correct for an unchecked calendar too.
function merge(ranges: Range[]): Range[] {
  const merged: Range[] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (start < end) merged.push([start, end]);
  }
  return merged;
}

/** The open ranges of a local day as instants (ms), sorted, none empty, touching ones joined. */
function openRanges(calendar: Prepared, day: number): Range[] {
  const date = dateOf(day);
  const local =
    calendar.overrides.get(date) ??
    (calendar.holidayCountry !== null && isPublicHoliday(calendar.holidayCountry, calendar.holidayRegion, date)
      ? []
      : calendar.weekly[isoWeekday(day)]!);
  const ranges: Range[] = [];
  for (const [startMinute, endMinute] of local) {
    const start = firstInstantShowing(calendar.timeZone, day * dayMs + startMinute * minuteMs);
    const end = firstInstantShowing(calendar.timeZone, day * dayMs + endMinute * minuteMs);
    const last = ranges.at(-1);
    // Empty when the whole interval falls in a skipped hour; joined when a skipped hour closes a break.
    if (end <= start) continue;
    if (last && start <= last[1]) last[1] = end;
    else ranges.push([start, end]);
  }
  return ranges;
}

function dateOf(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function dayOf(timeZone: string, instant: number): number {
  return Math.floor(wallClock(timeZone, instant) / dayMs);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local wall-clock time at an instant, in "wall" milliseconds. */
function wallClock(timeZone: string, instant: number): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of format.formatToParts(instant)) fields[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}

/**
 * The first instant at which the zone's wall clock shows `wall` or later: the
 * earlier of two instants in a repeated hour, the moment of the jump in a
 * skipped one. Offsets a day either side bracket any single transition.
 */
function firstInstantShowing(timeZone: string, wall: number): number {
  const offsetBefore = wallClock(timeZone, wall - dayMs) - (wall - dayMs);
  const offsetAfter = wallClock(timeZone, wall + dayMs) - (wall + dayMs);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((instant) => wallClock(timeZone, instant) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  if (offsetAfter <= offsetBefore) return wall - offsetBefore;
  // Skipped: the clock shows less than `wall` at `low` and more at `high`; find the jump to the second.
  let low = wall - offsetAfter;
  let high = wall - offsetBefore;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (wallClock(timeZone, middle) < wall) low = middle;
    else high = middle;
  }
  return high;
}
