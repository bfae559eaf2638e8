import Holidays, { type HolidaysTypes } from 'date-holidays';
import { AppError, type ErrorCode } from '../../platform/errors.js';

/** A public holiday as a local date ("YYYY-MM-DD") and its name. */
export interface PublicHoliday {
  date: string;
  name: string;
}

// Not yet in errors.ts (registered by the lead): the country or region has no holiday data in date-holidays.
const unknownHolidayRegion: ErrorCode = 'unknown_holiday_region';

const dayMs = 86_400_000;
const noonMs = 43_200_000;

// date-holidays parses its rules per instance, and its getHolidays(year, language) changes the
// instance's language for later calls: one instance per (country, region, language), never shared.
const calendars = new Map<string, Holidays>();
// Computed years; bounded because years come from callers' instants (a few hundred is plenty).
const years = new Map<string, { holidays: PublicHoliday[]; dates: Set<string> }>();
const maxCachedYears = 2000;

const catalogue = new Holidays();
const countries = new Set(Object.keys(catalogue.getCountries()));

/**
 * Whether date-holidays has data for the country and, when given, the region
 * (a state code such as "BY" in DE). date-holidays itself silently returns no
 * holidays for an unknown country and the country's for an unknown region, so
 * check a calendar with this before storing it.
 */
export function isKnownHolidayRegion(country: string, region: string | null): boolean {
  const key = country.toUpperCase();
  if (!countries.has(key)) return false;
  if (region === null) return true;
  const states = catalogue.getStates(key) as Record<string, string> | undefined;
  return states !== undefined && Object.hasOwn(states, region.toUpperCase());
}

/**
 * Public holidays (type "public" only: no observances, optional, bank or
 * school days) of a country, or of a region of it, in one year: one entry per
 * local date of that year, in date order, so a multi-day holiday such as
 * Ramazan Bayramı gives each of its days. Names are in `language` (a tag such
 * as "tr" or "pt-BR") when date-holidays has them, otherwise in the country's
 * own language. Substitute days the law gives (a holiday on a weekend moved to
 * Monday) are included; the yearly decrees that move working days are not:
 * those are workspace overrides. Cached per (country, region, year, language).
 * Throws `unknown_holiday_region` for a country or region date-holidays does
 * not know, `validation_failed` for a year that is not a whole number.
 */
export function publicHolidays(country: string, region: string | null, year: number, language?: string): PublicHoliday[] {
  return yearOf(country, region, year, language).holidays.map((holiday) => ({ ...holiday }));
}

/**
 * Whether a local date ("YYYY-MM-DD") is a public holiday of the country and
 * region (as publicHolidays lists them). Throws like publicHolidays.
 */
export function isPublicHoliday(country: string, region: string | null, localDate: string): boolean {
  return yearOf(country, region, Number(localDate.slice(0, 4)), undefined).dates.has(localDate);
}

interface HolidayYear {
  holidays: PublicHoliday[];
  dates: Set<string>;
}

function yearOf(country: string, region: string | null, year: number, language: string | undefined): HolidayYear {
  if (!Number.isInteger(year)) throw new AppError('validation_failed', 'the year must be a whole number', { year });
  const upperCountry = country.toUpperCase();
  const upperRegion = region?.toUpperCase() ?? null;
  const tag = language?.toLowerCase() ?? '';
  const key = `${upperCountry}|${upperRegion ?? ''}|${year}|${tag}`;
  let computed = years.get(key);
  if (!computed) {
    const calendar = calendarFor(upperCountry, upperRegion, tag);
    // A holiday that starts late in December may go on into January.
    const holidays = expand([...calendar.getHolidays(year - 1), ...calendar.getHolidays(year)]).filter((holiday) =>
      holiday.date.startsWith(`${year}-`),
    );
    computed = { holidays, dates: new Set(holidays.map((holiday) => holiday.date)) };
    if (years.size >= maxCachedYears) years.delete(years.keys().next().value!);
    years.set(key, computed);
  }
  return computed;
}

function calendarFor(country: string, region: string | null, tag: string): Holidays {
  const key = `${country}|${region ?? ''}|${tag}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    if (!isKnownHolidayRegion(country, region)) {
      throw new AppError(unknownHolidayRegion, `date-holidays has no holidays for ${country}${region ? `-${region}` : ''}`, {
        country,
        region,
      });
    }
    const ownLanguages = (region ? new Holidays(country, region) : new Holidays(country)).getLanguages();
    // date-holidays names a holiday in the first of these languages it has a name in.
    const languages = [...new Set([tag, tag.split('-')[0]!, ...ownLanguages].filter(Boolean))];
    // In UTC, start and end carry the local wall-clock times of the rules, free of any DST shift.
    const options = { types: ['public' as const], timezone: 'UTC', languages };
    calendar = region ? new Holidays(country, region, options) : new Holidays(country, options);
    calendars.set(key, calendar);
  }
  return calendar;
}

/**
 * One entry per local date a holiday covers, in date order. A day counts when
 * the holiday covers its noon: Islamic holidays start at sunset the evening
 * before (not a day off), and Turkey's bayrams end at noon of the day after
 * their last day in date-holidays' rules (not a day off either).
 */
function expand(holidays: HolidaysTypes.Holiday[]): PublicHoliday[] {
  const byDate = new Map<string, string>();
  for (const holiday of holidays) {
    const start = holiday.start.getTime();
    const end = holiday.end.getTime();
    for (let day = Math.floor(start / dayMs) * dayMs; day + noonMs < end; day += dayMs) {
      if (day + noonMs < start) continue;
      const date = new Date(day).toISOString().slice(0, 10);
      // Two holidays on one date keep the first name, as date-holidays orders them.
      if (!byDate.has(date)) byDate.set(date, holiday.name);
    }
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name }));
}
