import type { CustomerImport, CustomerImportStatus } from '@rapport/contracts';
import { lacksUzbekData } from '../../../platform/format';

type Progress = CustomerImport['progress'];

/** Whether the import is still on its way (the page keeps asking for news). */
export function isImportActive(status: CustomerImportStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Whether the import has ended, well or not (the summary is final). */
export function isImportFinished(status: CustomerImportStatus): boolean {
  return status === 'done' || status === 'failed';
}

/** Rows done as a share of all rows, 0 to 1 (1 when done, 0 while nothing is known). */
export function progressFraction(progress: Progress, status: CustomerImportStatus): number {
  if (status === 'done') return 1;
  if (progress.rowsTotal <= 0) return 0;
  return Math.min(1, Math.max(0, progress.rowsDone / progress.rowsTotal));
}

/**
 * The share done, rounded down to whole tens of percent, for the status
 * text that screen readers announce: it changes rarely enough to be heard.
 */
export function announcedPercent(fraction: number): number {
  return Math.floor(fraction * 10) * 10;
}

/** How long is left, as the page says it. */
export type TimeLeft =
  { kind: 'unknown' } | { kind: 'lessThanMinute' } | { kind: 'about'; value: number; unit: 'minute' | 'hour' };

/**
 * Seconds left as a rounded amount: under a minute says just that, minutes
 * up to an hour, then hours to the half. Null (not measured yet) is unknown.
 */
export function timeLeft(secondsLeft: number | null): TimeLeft {
  if (secondsLeft === null || !Number.isFinite(secondsLeft) || secondsLeft < 0) return { kind: 'unknown' };
  if (secondsLeft < 60) return { kind: 'lessThanMinute' };
  const minutes = Math.round(secondsLeft / 60);
  if (minutes < 60) return { kind: 'about', value: minutes, unit: 'minute' };
  return { kind: 'about', value: Math.round(secondsLeft / 1800) / 2, unit: 'hour' };
}

/**
 * A number through Intl in the UI language. Where the browser has no Uzbek
 * data (its output would be English), CLDR's Uzbek separators stand in:
 * a no-break space between thousands and a decimal comma.
 */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  if (!lacksUzbekData(locale)) return new Intl.NumberFormat(locale, options).format(value);
  return new Intl.NumberFormat('en', options).format(value).replace(/[,.]/g, (separator) => (separator === ',' ? '\u00a0' : ','));
}

// CLDR's Uzbek unit names, for browsers without Uzbek data (Uzbek does not inflect them after numbers).
const uzbekUnits = { minute: 'daqiqa', hour: 'soat' };

/** An amount of minutes or hours in the UI language: "2 minutes", "2 perc", "1,5 Stunden". */
export function formatDuration(value: number, unit: 'minute' | 'hour', locale: string): string {
  if (lacksUzbekData(locale)) return `${formatNumber(value, locale, { maximumFractionDigits: 1 })} ${uzbekUnits[unit]}`;
  return formatNumber(value, locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
}

/** A count in the UI language's digits and grouping: 12 345 / 12.345 / 12,345. */
export function formatCount(value: number, locale: string): string {
  return formatNumber(value, locale, { maximumFractionDigits: 0 });
}

/** A share as a percentage in the UI language: "40%", "%40", "40 %". */
export function formatPercent(fraction: number, locale: string): string {
  return formatNumber(fraction, locale, { style: 'percent', maximumFractionDigits: 0 });
}
