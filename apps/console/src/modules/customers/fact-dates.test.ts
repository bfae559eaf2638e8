import { describe, expect, it } from 'vitest';
import { daysUntil, describeFactDate, formatCalendarDate, formatDaysFromToday } from './fact-dates';

// 24 November 2026, in the agent's own time zone.
const today = new Date(2026, 10, 24, 15, 30);

describe('formatCalendarDate', () => {
  it('formats the calendar day in the UI language, with or without the year', () => {
    expect(formatCalendarDate('2026-06-12', 'en-GB', { withYear: true })).toBe('12 June 2026');
    expect(formatCalendarDate('2026-06-12', 'en-GB', { withYear: false })).toBe('12 June');
    expect(formatCalendarDate('2026-06-12', 'hu', { withYear: false })).toBe('június 12.');
    expect(formatCalendarDate('2026-06-12', 'de', { withYear: false })).toBe('12. Juni');
    expect(formatCalendarDate('2026-06-12', 'tr', { withYear: true })).toBe('12 Haziran 2026');
  });

  it('keeps a value that is not a date as it is', () => {
    expect(formatCalendarDate('June', 'en', { withYear: true })).toBe('June');
  });
});

describe('daysUntil', () => {
  it('counts to the next yearly occurrence', () => {
    expect(daysUntil('1980-11-24', true, today)).toBe(0);
    expect(daysUntil('1980-11-30', true, today)).toBe(6);
    expect(daysUntil('1980-11-23', true, today)).toBe(364);
  });

  it('counts to a one-off date and forgets it once passed', () => {
    expect(daysUntil('2026-12-01', false, today)).toBe(7);
    expect(daysUntil('2026-06-12', false, today)).toBeUndefined();
  });
});

describe('describeFactDate', () => {
  it('says when a detail recurs', () => {
    expect(describeFactDate({ date: '1980-03-04', recursYearly: true }, 'en-GB', today)).toEqual({
      kind: 'yearly',
      date: '4 March',
      daysUntil: 100,
    });
    expect(describeFactDate({ date: '2026-06-12', recursYearly: false }, 'en-GB', today)).toEqual({
      kind: 'once',
      date: '12 June 2026',
      daysUntil: undefined,
    });
    expect(describeFactDate({ date: null, recursYearly: false }, 'en', today)).toEqual({ kind: 'none' });
  });
});

describe('formatDaysFromToday', () => {
  it('says near days in words', () => {
    expect(formatDaysFromToday(0, 'en')).toBe('today');
    expect(formatDaysFromToday(1, 'de')).toBe('morgen');
    expect(formatDaysFromToday(6, 'hu')).toBe('6 nap múlva');
    expect(formatDaysFromToday(2, 'tr')).toBe('öbür gün');
  });
});
