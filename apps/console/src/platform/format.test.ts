import { describe, expect, it, vi } from 'vitest';
import {
  capitalize,
  formatLocalTime,
  formatRelativeTime,
  listTimeZones,
  regionName,
  timeZoneOffset,
  weekdayName,
  zoneCityName,
} from './format';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('formatRelativeTime', () => {
  it('chooses a readable unit in the given language', () => {
    expect(formatRelativeTime('2026-11-27T12:00:00Z', 'en', now)).toBe('in 3 days');
    expect(formatRelativeTime('2026-11-24T10:00:00Z', 'en', now)).toBe('2 hours ago');
    expect(formatRelativeTime('2026-11-24T12:00:10Z', 'en', now)).toBe('now');
    expect(formatRelativeTime('2026-11-25T12:00:00Z', 'de', now)).toBe('morgen');
    expect(formatRelativeTime('2026-12-01T11:59:58Z', 'hu', now)).toBe('7 nap múlva');
    expect(formatRelativeTime('2026-12-24T12:00:00Z', 'en', now)).toBe('in 30 days');
    expect(formatRelativeTime('2027-03-24T12:00:00Z', 'en', now)).toBe('in 4 months');
  });
});

describe('weekdayName', () => {
  it('counts ISO weekdays from Monday', () => {
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'en')).toBe('Sunday');
    expect(weekdayName(1, 'hu')).toBe('hétfő');
    expect(weekdayName(5, 'tr')).toBe('Cuma');
  });
});

describe('capitalize', () => {
  it('follows the locale’s case rules', () => {
    expect(capitalize('hétfő', 'hu')).toBe('Hétfő');
    expect(capitalize('istanbul', 'tr')).toBe('İstanbul');
    expect(capitalize('', 'en')).toBe('');
  });
});

describe('time zones', () => {
  it('shows the local time of a zone', () => {
    expect(formatLocalTime('Asia/Tashkent', 'en-GB', new Date(now))).toBe('Tue 17:00');
  });

  it('gives a zone’s UTC offset', () => {
    expect(timeZoneOffset('Asia/Tashkent', new Date(now))).toBe('GMT+05:00');
    expect(timeZoneOffset('Not/A_Zone', new Date(now))).toBe('');
  });

  it('lists known zones plus the extra ones asked for', () => {
    const zones = listTimeZones('Etc/GMT+5');
    expect(zones).toContain('Europe/Budapest');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/GMT+5');
  });
});

describe('zoneCityName', () => {
  it('names the city in the UI language, as CLDR does', () => {
    expect(zoneCityName('Asia/Tashkent', 'hu')).toBe('Taskent');
    expect(zoneCityName('Asia/Tashkent', 'uz')).toBe('Toshkent');
    expect(zoneCityName('Asia/Tashkent', 'de')).toBe('Taschkent');
    expect(zoneCityName('Asia/Tashkent', 'tr')).toBe('Taşkent');
    expect(zoneCityName('Asia/Tashkent', 'en')).toBe('Tashkent');
    expect(zoneCityName('Europe/Istanbul', 'tr')).toBe('İstanbul');
    expect(zoneCityName('Europe/Istanbul', 'hu')).toBe('Isztanbul');
    expect(zoneCityName('America/Sao_Paulo', 'en')).toBe('São Paulo');
    expect(zoneCityName('America/Sao_Paulo', 'uz')).toBe('San-Paulu');
    expect(zoneCityName('Europe/Vienna', 'de-AT')).toBe('Wien');
    // Uzbek apostrophes as the console writes them.
    expect(zoneCityName('Asia/Baghdad', 'uz')).toBe('Bagʻdod');
  });

  it('names a zone the same under the id a browser reports and the one CLDR keeps', () => {
    expect(zoneCityName('Asia/Calcutta', 'en')).toBe('Kolkata');
    expect(zoneCityName('Asia/Kolkata', 'en')).toBe('Kolkata');
    expect(zoneCityName('Asia/Kolkata', 'hu')).toBe('Kalkutta');
    expect(zoneCityName('Asia/Calcutta', 'tr')).toBe('Kalküta');
    expect(zoneCityName('Europe/Kyiv', 'de')).toBe(zoneCityName('Europe/Kiev', 'de'));
    expect(zoneCityName('Europe/Kyiv', 'de')).toBe('Kiew');
    expect(zoneCityName('Asia/Ho_Chi_Minh', 'hu')).toBe('Ho Si Minh-város');
    expect(zoneCityName('Asia/Saigon', 'hu')).toBe('Ho Si Minh-város');
    expect(zoneCityName('America/Argentina/Buenos_Aires', 'uz')).toBe(zoneCityName('America/Buenos_Aires', 'uz'));
  });

  it('falls back to the id’s last part, and calls UTC and fixed offsets by their offset', () => {
    expect(zoneCityName('America/Port_of_Spain', 'en')).toBe('Port of Spain');
    expect(zoneCityName('Mars/Olympus_Mons', 'hu')).toBe('Olympus Mons');
    expect(zoneCityName('constructor', 'hu')).toBe('constructor');
    expect(zoneCityName('Asia/Tashkent', 'fr')).toBe('Tashkent');
    expect(zoneCityName('Europe/Kiev', 'fr')).toBe('Kyiv');
    expect(zoneCityName('UTC', 'hu')).toBe('UTC');
    expect(zoneCityName('Etc/UTC', 'de')).toBe('UTC');
    expect(zoneCityName('Etc/GMT', 'tr')).toBe('UTC');
    expect(zoneCityName('Etc/GMT+5', 'en')).toBe('UTC−5');
    expect(zoneCityName('Etc/GMT-14', 'en')).toBe('UTC+14');
  });
});

describe('regionName', () => {
  it('names countries in the UI language', () => {
    expect(regionName('HU', 'de')).toBe('Ungarn');
    expect(regionName('UZ', 'en')).toBe('Uzbekistan');
  });

  it('names countries in Uzbek where the runtime has no Uzbek data (Chromium answers in English)', () => {
    // As in Chromium: Uzbek months come out in the root fallback style, "M01".
    const real = Intl.DateTimeFormat;
    function bareUzbek(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      return String(locales).startsWith('uz') ? { format: () => 'M01' } : new real(locales, options);
    }
    // …and countries are named in English.
    const realNames = Intl.DisplayNames;
    function englishNames(locales: string[], options: Intl.DisplayNamesOptions) {
      return new realNames(String(locales).startsWith('uz') ? ['en'] : locales, options);
    }
    const bare = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(bareUzbek as unknown as typeof Intl.DateTimeFormat);
    const names = vi.spyOn(Intl, 'DisplayNames').mockImplementation(englishNames as unknown as typeof Intl.DisplayNames);
    try {
      // A locale tag no other test has used: lacksUzbekData remembers its answer per tag.
      expect(regionName('HU', 'uz-Latn')).toBe('Vengriya');
      expect(regionName('UZ', 'uz-Latn')).toBe('Oʻzbekiston');
      expect(regionName('TR', 'uz-Latn')).toBe('Turkiya');
    } finally {
      bare.mockRestore();
      names.mockRestore();
    }
  });
});
