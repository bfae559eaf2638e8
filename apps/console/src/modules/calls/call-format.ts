import type { CallOutcome } from '@rapport/contracts';

export const callOutcomes: readonly CallOutcome[] = [
  'answered',
  'no_answer',
  'busy',
  'voicemail',
  'failed',
  'callback_requested',
];

/** Hours, minutes and seconds of a duration. */
export function durationParts(totalSeconds: number): { hours: number; minutes: number; seconds: number } {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  return { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
}

type DurationFormatConstructor = new (
  locale: string,
  options: { style: 'short' },
) => { format(duration: { hours?: number; minutes?: number; seconds?: number }): string };

/** A call's length in the UI language ("1 hr, 2 min, 5 sec"), through Intl. */
export function formatDuration(totalSeconds: number, locale: string): string {
  const { hours, minutes, seconds } = durationParts(totalSeconds);
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  const parts = { ...(hours ? { hours } : {}), ...(hours || minutes ? { minutes } : {}), seconds };
  if (DurationFormat) {
    try {
      return new DurationFormat(locale, { style: 'short' }).format(parts);
    } catch {
      // Fall through to the unit formats.
    }
  }
  const unit = (value: number, name: string) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  return [hours ? unit(hours, 'hour') : '', hours || minutes ? unit(minutes, 'minute') : '', unit(seconds, 'second')]
    .filter(Boolean)
    .join(' ');
}

/** A clock time with seconds ("10:42:05"), for "Saved at". */
export function formatClockTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(iso));
}
