const pad = (value: number) => String(value).padStart(2, '0');

/** A moment as a date-time input's value ("2026-11-26T09:00"), in this browser's time zone. */
export function toDateTimeInputValue(moment: Date): string {
  return (
    `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}` +
    `T${pad(moment.getHours())}:${pad(moment.getMinutes())}`
  );
}

/** A date-time input's value (this browser's time zone) as a moment; null when empty or not a date. */
export function fromDateTimeInputValue(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  // Without an offset, a date-time string is read in local time (ECMAScript date-time format).
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? null : moment;
}

/** The usual choice: tomorrow at nine in the morning, local time. */
export function defaultSnoozeUntil(now: Date): Date {
  const moment = new Date(now);
  moment.setDate(moment.getDate() + 1);
  moment.setHours(9, 0, 0, 0);
  return moment;
}
