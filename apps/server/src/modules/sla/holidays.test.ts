import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors.js';
import { isKnownHolidayRegion, isPublicHoliday, publicHolidays } from './holidays.js';

const dates = (holidays: { date: string }[]) => holidays.map((holiday) => holiday.date);

describe('public holidays', () => {
  it("lists Hungary's public holidays of 2026 without observances or the optional 24 December", () => {
    const holidays = publicHolidays('HU', null, 2026);
    expect(dates(holidays)).toEqual([
      '2026-01-01',
      '2026-03-15',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-24',
      '2026-05-25',
      '2026-08-20',
      '2026-10-23',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(holidays.find((holiday) => holiday.date === '2026-04-06')?.name).toBe('Húsvéthétfő');
    expect(isPublicHoliday('HU', null, '2026-10-23')).toBe(true);
    expect(isPublicHoliday('HU', null, '2026-12-24')).toBe(false);
    expect(isPublicHoliday('HU', null, '2026-02-01')).toBe(false); // an observance
  });

  it('names holidays in the requested language, else in the country’s own', () => {
    const name = (country: string, date: string, language?: string) =>
      publicHolidays(country, null, Number(date.slice(0, 4)), language).find((holiday) => holiday.date === date)?.name;
    expect(name('HU', '2026-03-15', 'en')).toBe('National Day');
    expect(name('HU', '2026-03-15', 'uz')).toBe('1848-as forradalom');
    expect(name('TR', '2026-03-20', 'de')).toBe('Zuckerfest');
    expect(name('TR', '2026-03-20', 'tr-TR')).toBe('Ramazan Bayramı');
    expect(name('UZ', '2026-03-21', 'uz-Latn')).toBe('Navroʻz bayrami');
    expect(name('UZ', '2026-01-01', 'ru')).toBe('Новый год');
  });

  it('gives each day of Ramazan and Kurban Bayramı in Turkey, 2026 and 2027, not the eve they start on', () => {
    const bayram = (year: number, name: string) =>
      dates(publicHolidays('TR', null, year).filter((holiday) => holiday.name === name));
    expect(bayram(2026, 'Ramazan Bayramı')).toEqual(['2026-03-20', '2026-03-21', '2026-03-22']);
    expect(bayram(2027, 'Ramazan Bayramı')).toEqual(['2027-03-09', '2027-03-10', '2027-03-11']);
    expect(bayram(2026, 'Kurban Bayramı')).toEqual(['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30']);
    // 19 May 2027 is also Atatürk Commemoration Day; the date is listed once.
    expect(bayram(2027, 'Kurban Bayramı')).toEqual(['2027-05-16', '2027-05-17', '2027-05-18', '2027-05-19']);
    expect(isPublicHoliday('TR', null, '2026-03-19')).toBe(false);
  });

  it("includes Uzbekistan's substitute days", () => {
    expect(dates(publicHolidays('UZ', null, 2026)).slice(0, 6)).toEqual([
      '2026-01-01',
      '2026-03-08',
      '2026-03-09',
      '2026-03-20',
      '2026-03-21',
      '2026-03-23',
    ]);
  });

  it('applies a region: Bavaria has Epiphany and Corpus Christi, Berlin has Women’s Day', () => {
    expect(isPublicHoliday('DE', 'BY', '2026-01-06')).toBe(true);
    expect(isPublicHoliday('DE', 'by', '2026-06-04')).toBe(true);
    expect(isPublicHoliday('DE', 'BE', '2026-01-06')).toBe(false);
    expect(isPublicHoliday('DE', 'BE', '2026-03-08')).toBe(true);
    expect(isPublicHoliday('DE', null, '2026-03-08')).toBe(false);
  });

  it('keeps every date within the year asked for', () => {
    for (const country of ['HU', 'TR', 'UZ', 'US', 'DE', 'IN']) {
      for (const year of [2025, 2026, 2027]) {
        expect(publicHolidays(country, null, year).every((holiday) => holiday.date.startsWith(`${year}-`))).toBe(true);
      }
    }
  });

  it('rejects a country or region date-holidays does not know with unknown_holiday_region', () => {
    expect(isKnownHolidayRegion('HU', null)).toBe(true);
    expect(isKnownHolidayRegion('DE', 'BY')).toBe(true);
    expect(isKnownHolidayRegion('XX', null)).toBe(false);
    expect(isKnownHolidayRegion('DE', 'ZZ')).toBe(false);
    expect(isKnownHolidayRegion('HU', 'BU')).toBe(false);
    const unknown = expect.objectContaining({ code: 'unknown_holiday_region' }) as AppError;
    expect(() => publicHolidays('XX', null, 2026)).toThrowError(unknown);
    expect(() => publicHolidays('DE', 'ZZ', 2026)).toThrowError(unknown);
    expect(() => isPublicHoliday('XX', null, '2026-01-01')).toThrowError(unknown);
  });

  it('hands out copies, so a caller changing a result does not change the cache', () => {
    const first = publicHolidays('HU', null, 2026);
    first[0]!.name = 'changed';
    first.pop();
    const second = publicHolidays('HU', null, 2026);
    expect(second[0]!.name).toBe('Újév');
    expect(second).toHaveLength(13);
  });
});
