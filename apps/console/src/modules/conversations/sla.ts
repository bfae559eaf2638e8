/** A whole number of one unit: "25 min", "3 h", "2 days". */
export interface DurationPart {
  unit: 'minute' | 'hour' | 'day';
  value: number;
}

/** Where an answer's due time stands, seen from now. */
export interface DueCountdown {
  isOverdue: boolean;
  /** Due within the next half hour (and not yet overdue): worth a warning. */
  isSoon: boolean;
  /** How long until (or since) the due time: one or two parts, the larger first ("2 h 5 min"). */
  parts: DurationPart[];
}

/** Within this many minutes a due time is shown as a warning. */
export const soonMinutes = 30;

const minutesPerHour = 60;
const minutesPerDay = 24 * minutesPerHour;

/**
 * A span of whole minutes in at most two units: minutes under an hour, hours
 * and minutes under a day, days and hours beyond (zero parts left out).
 */
export function durationParts(totalMinutes: number): DurationPart[] {
  const minutes = Math.max(0, Math.round(totalMinutes));
  if (minutes < minutesPerHour) return [{ unit: 'minute', value: minutes }];
  if (minutes < minutesPerDay) {
    const parts: DurationPart[] = [{ unit: 'hour', value: Math.floor(minutes / minutesPerHour) }];
    if (minutes % minutesPerHour > 0) parts.push({ unit: 'minute', value: minutes % minutesPerHour });
    return parts;
  }
  const parts: DurationPart[] = [{ unit: 'day', value: Math.floor(minutes / minutesPerDay) }];
  const hours = Math.floor((minutes % minutesPerDay) / minutesPerHour);
  if (hours > 0) parts.push({ unit: 'hour', value: hours });
  return parts;
}

/**
 * How far the SLA due time is from `now`, rounded up to the next whole
 * minute both ways: 24.5 minutes left reads "due in 25 min", the first
 * minute past it "overdue 1 min".
 */
export function dueCountdown(dueAt: string, now: number): DueCountdown {
  const milliseconds = new Date(dueAt).getTime() - now;
  const isOverdue = milliseconds <= 0;
  const minutes = Math.max(1, Math.ceil(Math.abs(milliseconds) / 60_000));
  return { isOverdue, isSoon: !isOverdue && minutes <= soonMinutes, parts: durationParts(minutes) };
}
