import type { WorkingHoursInterval } from '@rapport/contracts';

/** ISO weekdays, Monday (1) to Sunday (7). */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** The interval a new day starts with. */
export const defaultInterval = { start: '09:00', end: '17:00' };

/** Why an interval cannot be saved. */
export type IntervalProblem = 'end_before_start' | 'overlap' | 'invalid_time';

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function toMinutes(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function fromMinutes(total: number): string {
  const clamped = Math.max(0, Math.min(total, 24 * 60 - 1));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** The intervals of one weekday with their positions in the whole list, earliest first. */
export function intervalsOfDay(
  hours: readonly WorkingHoursInterval[],
  day: number,
): { interval: WorkingHoursInterval; index: number }[] {
  return hours
    .map((interval, index) => ({ interval, index }))
    .filter(({ interval }) => interval.day === day)
    .sort((a, b) => a.interval.start.localeCompare(b.interval.start));
}

/** Whether another interval fits after the day's last one (an hour's gap, before midnight). */
export function canAddInterval(hours: readonly WorkingHoursInterval[], day: number): boolean {
  const last = intervalsOfDay(hours, day).at(-1);
  return !last || toMinutes(last.interval.end) <= 22 * 60;
}

/**
 * Adds an interval to a day: 09:00–17:00 on an empty day, otherwise starting
 * an hour after the day's last interval ends and lasting up to four hours.
 * Returns the list unchanged when nothing fits.
 */
export function addInterval(hours: readonly WorkingHoursInterval[], day: number): WorkingHoursInterval[] {
  const last = intervalsOfDay(hours, day).at(-1);
  if (!last) return [...hours, { day, ...defaultInterval }];
  if (!canAddInterval(hours, day)) return [...hours];
  const start = toMinutes(last.interval.end) + 60;
  return [...hours, { day, start: fromMinutes(start), end: fromMinutes(Math.min(start + 4 * 60, 24 * 60 - 1)) }];
}

/** Removes the interval at `index` of the whole list. */
export function removeInterval(hours: readonly WorkingHoursInterval[], index: number): WorkingHoursInterval[] {
  return hours.filter((_, position) => position !== index);
}

/** Changes the start or end of the interval at `index`. */
export function updateInterval(
  hours: readonly WorkingHoursInterval[],
  index: number,
  change: Partial<Pick<WorkingHoursInterval, 'start' | 'end'>>,
): WorkingHoursInterval[] {
  return hours.map((interval, position) => (position === index ? { ...interval, ...change } : interval));
}

/** Gives every weekday from Monday to Friday the same intervals as `day`. */
export function copyDayToWeekdays(hours: readonly WorkingHoursInterval[], day: number): WorkingHoursInterval[] {
  const template = intervalsOfDay(hours, day).map(({ interval }) => interval);
  const kept = hours.filter((interval) => interval.day > 5 || interval.day === day);
  const copies = [1, 2, 3, 4, 5]
    .filter((weekday) => weekday !== day)
    .flatMap((weekday) => template.map((interval) => ({ ...interval, day: weekday })));
  return sortWorkingHours([...kept, ...copies]);
}

/** Orders intervals by weekday and start time, the order the server stores. */
export function sortWorkingHours(hours: readonly WorkingHoursInterval[]): WorkingHoursInterval[] {
  return [...hours].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
}

/**
 * Finds what would make the server refuse the hours: a malformed time, an end
 * not after its start, or two intervals of one day overlapping. Keys are
 * positions in the list.
 */
export function findIntervalProblems(hours: readonly WorkingHoursInterval[]): Map<number, IntervalProblem> {
  const problems = new Map<number, IntervalProblem>();
  hours.forEach((interval, index) => {
    if (!timePattern.test(interval.start) || !timePattern.test(interval.end)) problems.set(index, 'invalid_time');
    else if (toMinutes(interval.end) <= toMinutes(interval.start)) problems.set(index, 'end_before_start');
  });
  for (const day of isoWeekdays) {
    const ofDay = intervalsOfDay(hours, day).filter(({ index }) => !problems.has(index));
    for (let position = 1; position < ofDay.length; position++) {
      const previous = ofDay[position - 1];
      const current = ofDay[position];
      if (previous && current && toMinutes(current.interval.start) < toMinutes(previous.interval.end)) {
        problems.set(current.index, 'overlap');
      }
    }
  }
  return problems;
}
