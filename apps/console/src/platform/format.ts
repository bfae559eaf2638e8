/**
 * Dates, times, numbers and names, always through Intl in the UI language.
 * Each function takes the locale explicitly so it stays pure and testable.
 * Where a browser lists Uzbek without its data, CLDR's Uzbek forms stand in.
 */
import {
  uzbekDate,
  uzbekDateTime,
  uzbekLanguageName,
  uzbekList,
  uzbekRegionName,
  uzbekRelativeTime,
  uzbekWeekday,
  uzbekWeekdayTime,
} from './uzbek-intl';
import { zoneCityAliases, zoneCityLocales, zoneCityNames } from './zone-cities';

const bareLocales = new Map<string, boolean>();

/**
 * Whether this runtime formats dates in `locale` only in the root fallback
 * style ("M01" for January): Chromium does so for Uzbek.
 */
export function lacksUzbekData(locale: string): boolean {
  if (!locale.toLowerCase().startsWith('uz')) return false;
  let isBare = bareLocales.get(locale);
  if (isBare === undefined) {
    const january = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 15)));
    isBare = /^M\d/.test(january) || january === 'January';
    bareLocales.set(locale, isBare);
  }
  return isBare;
}

/** A moment as date and time, e.g. "24 Nov 2026, 14:05". */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  if (lacksUzbekData(locale)) return uzbekDateTime(new Date(iso), timeZone);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A calendar date, e.g. "24 Nov 2026". */
export function formatDate(iso: string, locale: string): string {
  if (lacksUzbekData(locale)) return uzbekDate(new Date(iso));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

// Days up to six weeks: "in 7 days" says more about an expiry than "next week".
const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 45 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** How far a moment is from now, e.g. "in 3 days", "2 hours ago", "now". */
export function formatRelativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = lacksUzbekData(locale)
    ? {
        format: (value: number, unit: Intl.RelativeTimeFormatUnit) =>
          uzbekRelativeTime(value, unit as Parameters<typeof uzbekRelativeTime>[1]),
      }
    : new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of relativeUnits) {
    const divisor = unit === 'month' ? 30 * 24 * 3600 : size;
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / divisor), unit);
  }
  return format.format(0, 'second');
}

/** The wall-clock time in a time zone, with the weekday: "Tue 14:05". */
export function formatLocalTime(timeZone: string, locale: string, now: Date = new Date()): string {
  try {
    if (lacksUzbekData(locale)) return uzbekWeekdayTime(now, timeZone);
    return new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  } catch {
    return '';
  }
}

/** The UTC offset of a time zone at a moment, e.g. "GMT+05:00" (or "GMT"). */
export function timeZoneOffset(timeZone: string, now: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(now);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/** Every time zone this browser knows, with `extra` (e.g. a saved value) included. */
export function listTimeZones(...extra: string[]): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  for (const zone of extra) if (zone) zones.add(zone);
  return [...zones].sort();
}

/** Ids that mean UTC itself: no city, and no offset to tell. */
const utcZones = new Set(['UTC', 'UCT', 'GMT', 'GMT0', 'Greenwich', 'Universal', 'Zulu']);

/**
 * A time zone's city in the UI language, as CLDR names it ("Asia/Tashkent": "Toshkent" in Uzbek,
 * "Taskent" in Hungarian), under the id a browser reports as under the one CLDR keeps ("Asia/Kolkata"
 * as "Asia/Calcutta"); else the id's last part, spaced ("America/Port_of_Spain" → "Port of Spain").
 * UTC and its Etc/ names give "UTC", Etc/ fixed offsets "UTC−5" (Etc/GMT+5: POSIX signs run backwards).
 */
export function zoneCityName(zone: string, locale: string): string {
  const cldrZone = Object.hasOwn(zoneCityAliases, zone) ? (zoneCityAliases[zone] ?? zone) : zone;
  if (Object.hasOwn(zoneCityNames, cldrZone)) {
    const language = locale.toLowerCase().split(/[-_]/)[0];
    // Another language than the console's five: CLDR's English names beat the id's.
    const index = zoneCityLocales.findIndex((candidate) => candidate === language);
    const name = zoneCityNames[cldrZone]?.split('|')[index < 0 ? 0 : index];
    if (name) return name;
  }
  const bare = zone.replace(/^Etc\//, '');
  if (utcZones.has(bare) || /^GMT[+-]0$/.test(bare)) return 'UTC';
  const offset = /^GMT([+-])(\d{1,2})$/.exec(bare);
  if (offset) return `UTC${offset[1] === '+' ? '−' : '+'}${offset[2]}`;
  return (cldrZone.split('/').at(-1) ?? cldrZone).replaceAll('_', ' ');
}

function displayName(locale: string, type: Intl.DisplayNamesType, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country's name in the UI language ("HU" → "Hungary" / "Magyarország"). */
export function regionName(code: string, locale: string): string {
  // Chromium names countries in English for Uzbek ("Hungary"), not by code: CLDR's names stand in.
  if (lacksUzbekData(locale)) return uzbekRegionName(code) ?? displayName(locale, 'region', code);
  return displayName(locale, 'region', code);
}

/** A language's name in the UI language ("tr" → "Turkish" / "törökül"). */
export function languageName(code: string, locale: string): string {
  const name = displayName(locale, 'language', code);
  if (name === code && locale.toLowerCase().startsWith('uz'))
    return uzbekLanguageName(code) ?? displayName('en', 'language', code);
  return name;
}

/** Sorts labelled options alphabetically in the UI language. */
export function sortByLabel<T extends { label: string }>(items: T[], locale: string): T[] {
  const collator = new Intl.Collator(locale);
  return [...items].sort((a, b) => collator.compare(a.label, b.label));
}

/** ISO weekday (1 = Monday … 7 = Sunday) as a name in the UI language. */
export function weekdayName(day: number, locale: string, width: 'long' | 'short' = 'long'): string {
  if (lacksUzbekData(locale)) return uzbekWeekday(day, width);
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, day, 12));
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(date);
}

/** A list joined the way the UI language joins them: "A, B and C". */
export function formatList(items: string[], locale: string): string {
  if (lacksUzbekData(locale)) return uzbekList(items);
  return new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' }).format(items);
}

/** The text with its first letter in upper case, by the rules of the locale ("hétfő" → "Hétfő"). */
export function capitalize(text: string, locale: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(locale) + text.slice(head.length);
}
