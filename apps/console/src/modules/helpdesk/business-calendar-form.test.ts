import { describe, expect, it } from 'vitest';
import { invalidOverrides, newCalendar, nextOverrideDate } from './business-calendar-form';

describe('business calendar form', () => {
  it('starts with Monday to Friday, nine to five, in the workspace’s zone and country', () => {
    const calendar = newCalendar('Europe/Budapest', 'HU');
    expect(calendar.weeklyHours).toHaveLength(5);
    expect(calendar.weeklyHours[0]).toEqual({ day: 1, start: '09:00', end: '17:00' });
    expect(calendar).toMatchObject({ timeZone: 'Europe/Budapest', holidayCountry: 'HU', holidayRegion: null, overrides: [] });
  });

  it('finds overrides without a date, used twice, or with bad hours', () => {
    expect(
      invalidOverrides([
        { date: '2026-12-24', hours: [] },
        { date: '', hours: [] },
        { date: '2026-12-24', hours: [] },
        { date: '2026-12-27', hours: [{ start: '12:00', end: '10:00' }] },
        {
          date: '2026-12-28',
          hours: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '15:00' },
          ],
        },
        {
          date: '2026-12-29',
          hours: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '16:00' },
          ],
        },
      ]),
    ).toEqual([1, 2, 3, 4]);
  });

  it('suggests the day after the last override, across a month end', () => {
    expect(nextOverrideDate([{ date: '2026-12-31', hours: [] }])).toBe('2027-01-01');
    expect(nextOverrideDate([], new Date(2026, 1, 28))).toBe('2026-03-01');
  });
});
