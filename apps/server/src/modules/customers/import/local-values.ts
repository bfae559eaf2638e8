/**
 * Values as people type them in Hungarian, Turkish, Uzbek, German and English
 * spreadsheets: dates in local formats, yes/no words, decimal commas.
 */

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: string; message: string; params?: Record<string, string | number> };

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// 2026.11.24. / 2026. 11. 24. / 2026/11/24 (Hungarian: year first)
const yearFirst = /^(\d{4})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\.?$/;
// 24.11.2026 / 24.11.2026. / 24-11-2026 (German, Turkish, Uzbek: day first)
const dayFirst = /^(\d{1,2})\s*[.-]\s*(\d{1,2})\s*[.-]\s*(\d{4})\.?$/;
// 11/24/2026 or 24/11/2026: read only when one of the two can't be a month
const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Reads a calendar date in the formats above to YYYY-MM-DD; a slashed date both ways valid is ambiguous_date. */
export function parseLocalDate(text: string): Parsed<string> {
  const value = text.trim();
  let parts: [number, number, number] | undefined;
  let match: RegExpExecArray | null;
  if ((match = isoDate.exec(value) ?? yearFirst.exec(value))) parts = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = dayFirst.exec(value))) parts = [+match[3]!, +match[2]!, +match[1]!];
  else if ((match = slashed.exec(value))) {
    const [first, second, year] = [+match[1]!, +match[2]!, +match[3]!];
    if (first !== second && first <= 12 && second <= 12) {
      return {
        ok: false,
        code: 'ambiguous_date',
        message: `"${value}" could be ${first}/${second} or ${second}/${first}; write it as YYYY-MM-DD`,
        params: { first, second },
      };
    }
    parts = first > 12 ? [year, second, first] : [year, first, second];
  }
  if (!parts || !isCalendarDate(...parts)) {
    return { ok: false, code: 'invalid_date', message: `"${value}" is not a date (use 2026-11-24, 2026.11.24. or 24.11.2026)` };
  }
  const [year, month, day] = parts;
  return { ok: true, value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function foldWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^a-z0-9+-]/g, '');
}

const yes = new Set(['1', 'true', 'yes', 'y', 'x', '+', 'on', 'igen', 'evet', 'ha', 'ja', 'j', 'subscribed', 'optin']);
const no = new Set(['0', 'false', 'no', 'n', '-', 'off', 'nem', 'hayir', 'yoq', 'nein', 'unsubscribed', 'optout']);

/** Yes/no in five languages ("igen", "evet", "ha", "ja", "x", "1"…); invalid_boolean otherwise. */
export function parseYesNo(text: string): Parsed<boolean> {
  const word = foldWord(text);
  if (yes.has(word)) return { ok: true, value: true };
  if (no.has(word)) return { ok: true, value: false };
  return { ok: false, code: 'invalid_boolean', message: `"${text.trim()}" is not yes or no` };
}

/** A number with a decimal comma or point and optional thousands separators ("1 234,5", "1,234.5"). */
export function parseLocalNumber(text: string): Parsed<number> {
  let value = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = value.lastIndexOf(',');
  const lastPoint = value.lastIndexOf('.');
  if (lastComma >= 0 && lastPoint >= 0) {
    // The later mark is the decimal one.
    value = lastComma > lastPoint ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (lastComma >= 0) {
    value = value.indexOf(',') === lastComma ? value.replace(',', '.') : value.replace(/,/g, '');
  }
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? Number(value) : NaN;
  return Number.isFinite(number)
    ? { ok: true, value: number }
    : { ok: false, code: 'invalid_number', message: `"${text.trim()}" is not a number` };
}

/** Splits a cell holding several values ("vip; webshop", "a@x.hu, b@y.hu"), trimmed, empty parts dropped. */
export function splitList(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean);
}
