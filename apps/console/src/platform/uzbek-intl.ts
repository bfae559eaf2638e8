/**
 * Uzbek (Latin) calendar and name data from CLDR, for browsers that list
 * Uzbek among their Intl locales without shipping its data (Chromium formats
 * "2026 M11 25" and "+3 d" there). format.ts uses it only when the browser's
 * own Intl output for Uzbek is the bare root fallback.
 */

const monthsShort = ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avg', 'sen', 'okt', 'noy', 'dek'];
/** ISO weekday order: Monday first. */
const weekdaysLong = ['dushanba', 'seshanba', 'chorshanba', 'payshanba', 'juma', 'shanba', 'yakshanba'];
const weekdaysShort = ['Dush', 'Sesh', 'Chor', 'Pay', 'Jum', 'Shan', 'Yak'];

/** Language names in Uzbek for the codes the console offers. */
const languageNames: Record<string, string> = {
  ar: 'arab',
  az: 'ozarbayjon',
  bg: 'bolgar',
  cs: 'chex',
  da: 'dan',
  de: 'nemis',
  el: 'grek',
  en: 'ingliz',
  es: 'ispan',
  fa: 'fors',
  fi: 'fin',
  fr: 'fransuz',
  he: 'ivrit',
  hi: 'hind',
  hu: 'venger',
  id: 'indonez',
  it: 'italyan',
  ja: 'yapon',
  kk: 'qozoq',
  ko: 'koreys',
  ky: 'qirgʻiz',
  nl: 'niderland',
  pl: 'polyak',
  pt: 'portugal',
  ro: 'rumin',
  ru: 'rus',
  sk: 'slovak',
  sv: 'shved',
  tg: 'tojik',
  tr: 'turk',
  uk: 'ukrain',
  uz: 'oʻzbek',
  vi: 'vyetnam',
  zh: 'xitoy',
};

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

const unitWords: Record<Unit, string> = {
  year: 'yil',
  month: 'oy',
  week: 'hafta',
  day: 'kun',
  hour: 'soat',
  minute: 'daqiqa',
  second: 'soniya',
};

/** "numeric: auto" phrases for -1, 0 and +1. */
const nearWords: Partial<Record<Unit, Record<number, string>>> = {
  year: { [-1]: 'oʻtgan yil', 0: 'shu yil', 1: 'keyingi yil' },
  month: { [-1]: 'oʻtgan oy', 0: 'shu oy', 1: 'keyingi oy' },
  week: { [-1]: 'oʻtgan hafta', 0: 'shu hafta', 1: 'keyingi hafta' },
  day: { [-1]: 'kecha', 0: 'bugun', 1: 'ertaga' },
  second: { 0: 'hozir' },
};

interface CalendarParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  weekday: number;
}

/** The date's fields in a time zone, read through Intl (numbers need no locale data). */
function partsOf(date: Date, timeZone?: string): CalendarParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), weekday };
}

/** CLDR medium date: "25-noy, 2026". */
export function uzbekDate(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${Number(parts.day)}-${monthsShort[Number(parts.month) - 1] ?? parts.month}, ${parts.year}`;
}

/** CLDR medium date with short time: "25-noy, 2026, 14:05". */
export function uzbekDateTime(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${uzbekDate(date, timeZone)}, ${parts.hour}:${parts.minute}`;
}

/** Weekday and time: "Sesh 14:05". */
export function uzbekWeekdayTime(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${weekdaysShort[parts.weekday - 1] ?? ''} ${parts.hour}:${parts.minute}`.trim();
}

/** ISO weekday (1 = Monday) by name. */
export function uzbekWeekday(day: number, width: 'long' | 'short'): string {
  return (width === 'long' ? weekdaysLong : weekdaysShort)[day - 1] ?? String(day);
}

/** Relative time as Intl.RelativeTimeFormat with numeric "auto" would say it. */
export function uzbekRelativeTime(value: number, unit: Unit): string {
  const near = nearWords[unit]?.[value];
  if (near) return near;
  const word = unitWords[unit];
  return value >= 0 ? `${value} ${word}dan keyin` : `${-value} ${word} oldin`;
}

/** "a, b va c". */
export function uzbekList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} va ${items.at(-1)}`;
}

/** A language's Uzbek name, when known. */
export function uzbekLanguageName(code: string): string | undefined {
  return languageNames[code.toLowerCase().split('-')[0] ?? ''];
}
