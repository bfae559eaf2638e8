import { businessCalendar, type BusinessCalendar, type CalendarOverride } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt, nextOpening, openIntervalsOn } from './business-calendar.js';

function calendar(
  timeZone: string,
  hours: Record<number, [string, string][]>,
  options: { country?: string; region?: string; overrides?: CalendarOverride[] } = {},
): BusinessCalendar {
  return businessCalendar.parse({
    timeZone,
    weeklyHours: Object.entries(hours).flatMap(([day, ranges]) =>
      ranges.map(([start, end]) => ({ day: Number(day), start, end })),
    ),
    holidayCountry: options.country ?? null,
    holidayRegion: options.region ?? null,
    overrides: options.overrides ?? [],
  });
}

function everyDay(...ranges: [string, string][]): Record<number, [string, string][]> {
  return Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, ranges]));
}

function weekdays(...ranges: [string, string][]): Record<number, [string, string][]> {
  return Object.fromEntries([1, 2, 3, 4, 5].map((day) => [day, ranges]));
}

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const intervalsOn = (cal: BusinessCalendar, date: string) =>
  openIntervalsOn(cal, date).map(({ start, end }) => [iso(start), iso(end)]);

const budapest = calendar('Europe/Budapest', weekdays(['09:00', '17:00']), { country: 'HU' });

describe('business calendar in Budapest, Monday to Friday 09:00–17:00 with Hungarian holidays', () => {
  it('makes a ticket at Friday 16:30 with 60 minutes due Monday 09:30', () => {
    const from = at('2026-02-13T16:30:00+01:00');
    const due = addBusinessMinutes(budapest, from, 60);
    expect(iso(due)).toBe(iso(at('2026-02-16T09:30:00+01:00')));
    expect(businessMinutesBetween(budapest, from, due)).toBe(60);
  });

  it('keeps the open day 8 hours local across the last Sunday of March while the offset moves from +01:00 to +02:00', () => {
    expect(intervalsOn(budapest, '2026-03-27')).toEqual([['2026-03-27T08:00:00.000Z', '2026-03-27T16:00:00.000Z']]);
    expect(intervalsOn(budapest, '2026-03-29')).toEqual([]);
    expect(intervalsOn(budapest, '2026-03-30')).toEqual([['2026-03-30T07:00:00.000Z', '2026-03-30T15:00:00.000Z']]);
    expect(iso(addBusinessMinutes(budapest, at('2026-03-27T16:30:00+01:00'), 60))).toBe('2026-03-30T07:30:00.000Z');
    expect(businessMinutesBetween(budapest, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T17:00:00+02:00'))).toBe(960);
  });

  it('keeps the open day 8 hours local across the last Sunday of October, skipping 23 October', () => {
    expect(intervalsOn(budapest, '2026-10-22')).toEqual([['2026-10-22T07:00:00.000Z', '2026-10-22T15:00:00.000Z']]);
    expect(intervalsOn(budapest, '2026-10-23')).toEqual([]);
    expect(intervalsOn(budapest, '2026-10-26')).toEqual([['2026-10-26T08:00:00.000Z', '2026-10-26T16:00:00.000Z']]);
    expect(iso(addBusinessMinutes(budapest, at('2026-10-22T16:30:00+02:00'), 60))).toBe(iso(at('2026-10-26T09:30:00+01:00')));
  });

  it('is closed on 15 March, Good Friday, Easter Monday, 23 October and 25–26 December', () => {
    for (const date of ['2027-03-15', '2026-04-03', '2026-04-06', '2025-10-23', '2025-12-25', '2025-12-26']) {
      expect(intervalsOn(budapest, date), date).toEqual([]);
    }
    // Thursday before Easter: Good Friday, the weekend and Easter Monday pass before the clock runs on.
    expect(iso(addBusinessMinutes(budapest, at('2026-04-02T16:30:00+02:00'), 60))).toBe(iso(at('2026-04-07T09:30:00+02:00')));
  });

  it('treats 24 December as a working day unless an override closes it, as date-holidays lists it as optional', () => {
    const from = at('2025-12-23T16:30:00+01:00');
    expect(iso(addBusinessMinutes(budapest, from, 60))).toBe(iso(at('2025-12-24T09:30:00+01:00')));
    const withBridgeDay = { ...budapest, overrides: [{ date: '2025-12-24', hours: [] }] };
    expect(intervalsOn(withBridgeDay, '2025-12-24')).toEqual([]);
    expect(iso(addBusinessMinutes(withBridgeDay, from, 60))).toBe(iso(at('2025-12-29T09:30:00+01:00')));
    expect(businessMinutesBetween(withBridgeDay, from, at('2025-12-29T09:30:00+01:00'))).toBe(60);
  });

  it('opens on a worked Saturday and on a public holiday the team works, when overrides say so', () => {
    const cal = {
      ...budapest,
      overrides: [
        { date: '2025-12-13', hours: [{ start: '09:00', end: '17:00' }] },
        { date: '2026-03-15', hours: [{ start: '10:00', end: '12:00' }] },
      ],
    };
    expect(iso(addBusinessMinutes(cal, at('2025-12-12T16:30:00+01:00'), 60))).toBe(iso(at('2025-12-13T09:30:00+01:00')));
    expect(isOpenAt(cal, at('2025-12-13T12:00:00+01:00'))).toBe(true);
    expect(isOpenAt(budapest, at('2025-12-13T12:00:00+01:00'))).toBe(false);
    // 15 March 2026 is a Sunday and a holiday, opened for two hours.
    expect(intervalsOn(cal, '2026-03-15')).toEqual([['2026-03-15T09:00:00.000Z', '2026-03-15T11:00:00.000Z']]);
  });

  it('is open from 09:00 until just before 17:00, and the next opening after closing is the next working morning', () => {
    expect(isOpenAt(budapest, at('2026-02-13T08:59:59+01:00'))).toBe(false);
    expect(isOpenAt(budapest, at('2026-02-13T09:00:00+01:00'))).toBe(true);
    expect(isOpenAt(budapest, at('2026-02-13T16:59:59+01:00'))).toBe(true);
    expect(isOpenAt(budapest, at('2026-02-13T17:00:00+01:00'))).toBe(false);
    expect(iso(nextOpening(budapest, at('2026-02-13T17:00:00+01:00'))!)).toBe(iso(at('2026-02-16T09:00:00+01:00')));
    expect(iso(nextOpening(budapest, at('2026-02-13T10:15:00+01:00'))!)).toBe(iso(at('2026-02-13T10:15:00+01:00')));
    // Used up exactly at closing time: due then, not at the next opening.
    expect(iso(addBusinessMinutes(budapest, at('2026-02-13T16:30:00+01:00'), 30))).toBe(iso(at('2026-02-13T17:00:00+01:00')));
    expect(iso(addBusinessMinutes(budapest, at('2026-02-14T11:00:00+01:00'), 0))).toBe(iso(at('2026-02-16T09:00:00+01:00')));
  });
});

describe('business calendar across daylight-saving changes at night', () => {
  const sundayNight = (start: string, end: string) => calendar('Europe/Budapest', { 7: [[start, end]] });

  it('opens an interval starting in the skipped hour (02:30 on spring-forward night) when the clocks jump to 03:00', () => {
    expect(intervalsOn(sundayNight('02:30', '06:00'), '2026-03-29')).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T04:00:00.000Z'],
    ]);
    expect(intervalsOn(sundayNight('01:00', '02:30'), '2026-03-29')).toEqual([
      ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ]);
  });

  it('has no open time on spring-forward night for an interval inside the skipped hour', () => {
    const cal = sundayNight('02:10', '02:50');
    expect(intervalsOn(cal, '2026-03-29')).toEqual([]);
    expect(intervalsOn(cal, '2026-03-22')).toEqual([['2026-03-22T01:10:00.000Z', '2026-03-22T01:50:00.000Z']]);
    expect(iso(nextOpening(cal, at('2026-03-28T12:00:00Z'))!)).toBe('2026-04-05T00:10:00.000Z');
  });

  it('starts an interval at the first occurrence of a repeated time (02:30 on autumn-back night), so it runs an hour longer', () => {
    const cal = sundayNight('02:30', '06:00');
    expect(intervalsOn(cal, '2026-10-25')).toEqual([['2026-10-25T00:30:00.000Z', '2026-10-25T05:00:00.000Z']]);
    expect(businessMinutesBetween(cal, at('2026-10-25T00:00:00Z'), at('2026-10-25T06:00:00Z'))).toBe(270);
    expect(isOpenAt(cal, at('2026-10-25T01:15:00Z'))).toBe(true); // 02:15 the second time round
  });

  it('gives a 24/7 calendar 23 open hours on the spring Sunday and 25 on the autumn Sunday', () => {
    const always = calendar('Europe/Budapest', everyDay(['00:00', '24:00']));
    const hoursOf = (date: string) =>
      openIntervalsOn(always, date).reduce((sum, { start, end }) => sum + (end.getTime() - start.getTime()) / 3_600_000, 0);
    expect([hoursOf('2026-03-29'), hoursOf('2026-10-25'), hoursOf('2026-06-14')]).toEqual([23, 25, 24]);
  });

  it('handles a zone that changes clocks at midnight (Santiago): the repeated hour is Saturday’s, a skipped midnight hour is empty', () => {
    const always = calendar('America/Santiago', everyDay(['00:00', '24:00']));
    // Autumn: Sunday 00:00 (-03) becomes Saturday 23:00 (-04), so Saturday has 25 hours.
    expect(intervalsOn(always, '2026-04-04')).toEqual([['2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z']]);
    expect(intervalsOn(always, '2026-04-05')).toEqual([['2026-04-05T04:00:00.000Z', '2026-04-06T04:00:00.000Z']]);
    // Spring: Sunday starts at 01:00, so Sunday has 23 hours.
    expect(intervalsOn(always, '2026-09-06')).toEqual([['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']]);
    const sundayFirstHour = calendar('America/Santiago', { 7: [['00:00', '01:00']] });
    expect(intervalsOn(sundayFirstHour, '2026-09-06')).toEqual([]);
    expect(isOpenAt(sundayFirstHour, at('2026-04-05T03:30:00Z'))).toBe(false); // Saturday 23:30, the second time
    expect(iso(nextOpening(sundayFirstHour, at('2026-04-05T03:30:00Z'))!)).toBe('2026-04-05T04:00:00.000Z');
  });
});

describe('business calendar in other zones', () => {
  it('runs in Tashkent at UTC+05:00 all year, skipping Roʻza hayiti, Navroʻz and its Monday substitute', () => {
    const tashkent = calendar('Asia/Tashkent', weekdays(['09:00', '18:00']), { country: 'UZ' });
    expect(intervalsOn(tashkent, '2026-01-14')).toEqual([['2026-01-14T04:00:00.000Z', '2026-01-14T13:00:00.000Z']]);
    expect(intervalsOn(tashkent, '2026-07-15')).toEqual([['2026-07-15T04:00:00.000Z', '2026-07-15T13:00:00.000Z']]);
    expect(iso(addBusinessMinutes(tashkent, at('2026-03-19T17:30:00+05:00'), 60))).toBe(iso(at('2026-03-24T09:30:00+05:00')));
  });

  it('runs in Istanbul at UTC+03:00, closed for the three days of Ramazan Bayramı in 2026 and 2027', () => {
    const istanbul = calendar('Europe/Istanbul', weekdays(['09:00', '18:00']), { country: 'TR' });
    expect(intervalsOn(istanbul, '2026-03-19')).toEqual([['2026-03-19T06:00:00.000Z', '2026-03-19T15:00:00.000Z']]);
    expect(intervalsOn(istanbul, '2026-03-20')).toEqual([]);
    expect(iso(addBusinessMinutes(istanbul, at('2026-03-19T17:30:00+03:00'), 60))).toBe(iso(at('2026-03-23T09:30:00+03:00')));
    for (const date of ['2027-03-09', '2027-03-10', '2027-03-11']) expect(intervalsOn(istanbul, date), date).toEqual([]);
    expect(iso(addBusinessMinutes(istanbul, at('2027-03-08T17:30:00+03:00'), 60))).toBe(iso(at('2027-03-12T09:30:00+03:00')));
    // Kurban Bayramı 2026: Wednesday 27 to Saturday 30 May.
    expect(iso(addBusinessMinutes(istanbul, at('2026-05-26T17:30:00+03:00'), 60))).toBe(iso(at('2026-06-01T09:30:00+03:00')));
  });

  it('runs in New York across both DST changes, with US holidays', () => {
    const newYork = calendar('America/New_York', weekdays(['09:00', '17:00']), { country: 'US' });
    expect(iso(addBusinessMinutes(newYork, at('2026-03-06T16:30:00-05:00'), 60))).toBe('2026-03-09T13:30:00.000Z');
    expect(iso(addBusinessMinutes(newYork, at('2026-10-30T16:30:00-04:00'), 60))).toBe('2026-11-02T14:30:00.000Z');
    // Thanksgiving, Thursday 26 November 2026.
    expect(iso(addBusinessMinutes(newYork, at('2026-11-25T16:30:00-05:00'), 60))).toBe(iso(at('2026-11-27T09:30:00-05:00')));
    const always = calendar('America/New_York', everyDay(['00:00', '24:00']));
    expect(businessMinutesBetween(always, at('2026-03-08T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(23 * 60);
    expect(intervalsOn(calendar('America/New_York', { 7: [['02:30', '04:00']] }), '2026-03-08')).toEqual([
      ['2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z'],
    ]);
  });

  it('runs in Kolkata at UTC+05:30', () => {
    const kolkata = calendar('Asia/Kolkata', weekdays(['10:00', '18:00']));
    expect(intervalsOn(kolkata, '2026-07-03')).toEqual([['2026-07-03T04:30:00.000Z', '2026-07-03T12:30:00.000Z']]);
    expect(iso(addBusinessMinutes(kolkata, at('2026-07-03T17:45:00+05:30'), 30))).toBe('2026-07-06T04:45:00.000Z');
  });
});

describe('business calendar shapes', () => {
  it('is always open when open 24/7, and adding minutes is plain time then, even across DST', () => {
    const always = calendar('Europe/Budapest', everyDay(['00:00', '24:00']));
    const from = at('2026-03-28T22:17:31.250Z');
    expect(isOpenAt(always, from)).toBe(true);
    expect(iso(nextOpening(always, from)!)).toBe(iso(from));
    expect(addBusinessMinutes(always, from, 600).getTime() - from.getTime()).toBe(600 * 60_000);
    // 30 days of minutes: walked interval by interval, and exact.
    expect(addBusinessMinutes(always, from, 30 * 1440).getTime() - from.getTime()).toBe(30 * 86_400_000);
  });

  it('pauses over a lunch break', () => {
    const lunch = calendar('Europe/Budapest', weekdays(['09:00', '12:00'], ['13:00', '17:00']));
    expect(iso(addBusinessMinutes(lunch, at('2026-02-10T11:30:00+01:00'), 60))).toBe(iso(at('2026-02-10T13:30:00+01:00')));
    expect(iso(addBusinessMinutes(lunch, at('2026-02-10T11:30:00+01:00'), 30))).toBe(iso(at('2026-02-10T12:00:00+01:00')));
    expect(isOpenAt(lunch, at('2026-02-10T12:30:00+01:00'))).toBe(false);
    expect(iso(nextOpening(lunch, at('2026-02-10T12:15:00+01:00'))!)).toBe(iso(at('2026-02-10T13:00:00+01:00')));
    expect(businessMinutesBetween(lunch, at('2026-02-10T08:00:00+01:00'), at('2026-02-10T18:00:00+01:00'))).toBe(420);
  });

  it('never opens without hours: no next opening, and adding minutes throws calendar_never_open', () => {
    const never = calendar('Europe/Budapest', {});
    const from = at('2026-02-10T10:00:00Z');
    expect(isOpenAt(never, from)).toBe(false);
    expect(nextOpening(never, from)).toBeNull();
    expect(businessMinutesBetween(never, from, at('2027-02-10T10:00:00Z'))).toBe(0);
    for (const minutes of [0, 1, 600]) {
      expect(() => addBusinessMinutes(never, from, minutes)).toThrowError(
        expect.objectContaining({ code: 'calendar_never_open' }) as AppError,
      );
    }
  });

  it('finds an opening up to 366 days ahead and counts a calendar closed longer as never open', () => {
    const onlyOnce = (date: string) =>
      calendar('Europe/Budapest', {}, { overrides: [{ date, hours: [{ start: '10:00', end: '11:00' }] }] });
    const from = at('2026-02-10T10:00:00Z');
    expect(iso(nextOpening(onlyOnce('2027-02-10'), from)!)).toBe(iso(at('2027-02-10T10:00:00+01:00')));
    expect(iso(addBusinessMinutes(onlyOnce('2027-02-10'), from, 60))).toBe(iso(at('2027-02-10T11:00:00+01:00')));
    expect(() => addBusinessMinutes(onlyOnce('2027-02-10'), from, 61)).toThrowError(
      expect.objectContaining({ code: 'calendar_never_open' }) as AppError,
    );
    expect(nextOpening(onlyOnce('2027-02-13'), from)).toBeNull();
    expect(() => addBusinessMinutes(onlyOnce('2027-02-13'), from, 0)).toThrow(AppError);
  });

  it('rejects negative minutes, invalid dates and malformed local dates with validation_failed', () => {
    const failed = expect.objectContaining({ code: 'validation_failed' }) as AppError;
    expect(() => addBusinessMinutes(budapest, at('2026-02-10T10:00:00Z'), -1)).toThrowError(failed);
    expect(() => addBusinessMinutes(budapest, at('2026-02-10T10:00:00Z'), Number.NaN)).toThrowError(failed);
    expect(() => isOpenAt(budapest, new Date(Number.NaN))).toThrowError(failed);
    expect(() => openIntervalsOn(budapest, '2026-02-30')).toThrowError(failed);
    expect(() => openIntervalsOn(budapest, '10/02/2026')).toThrowError(failed);
  });

  it('returns 0 minutes between instants in the wrong order', () => {
    expect(businessMinutesBetween(budapest, at('2026-02-10T12:00:00Z'), at('2026-02-10T10:00:00Z'))).toBe(0);
  });
});

describe('business calendar schema', () => {
  const base = { timeZone: 'Europe/Budapest', holidayCountry: 'HU', holidayRegion: null, overrides: [] };

  it('accepts several intervals a day and an end of 24:00', () => {
    const weeklyHours = [
      { day: 1, start: '09:00', end: '12:00' },
      { day: 1, start: '12:00', end: '24:00' },
    ];
    expect(businessCalendar.safeParse({ ...base, weeklyHours }).success).toBe(true);
  });

  it('rejects overlapping intervals, reversed intervals, a repeated override date and a region without a country', () => {
    const overlapping = [
      { day: 2, start: '09:00', end: '12:00' },
      { day: 2, start: '11:00', end: '17:00' },
    ];
    expect(businessCalendar.safeParse({ ...base, weeklyHours: overlapping }).success).toBe(false);
    expect(businessCalendar.safeParse({ ...base, weeklyHours: [{ day: 2, start: '17:00', end: '09:00' }] }).success).toBe(false);
    const lunchOverlap = [
      { start: '09:00', end: '13:00' },
      { start: '12:00', end: '17:00' },
    ];
    expect(
      businessCalendar.safeParse({ ...base, weeklyHours: [], overrides: [{ date: '2026-05-02', hours: lunchOverlap }] }).success,
    ).toBe(false);
    const twice = [
      { date: '2026-05-02', hours: [] },
      { date: '2026-05-02', hours: [{ start: '09:00', end: '12:00' }] },
    ];
    expect(businessCalendar.safeParse({ ...base, weeklyHours: [], overrides: twice }).success).toBe(false);
    expect(businessCalendar.safeParse({ ...base, weeklyHours: [], holidayCountry: null, holidayRegion: 'BY' }).success).toBe(
      false,
    );
    expect(businessCalendar.safeParse({ ...base, weeklyHours: [], timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

// A small seeded generator (mulberry32), so a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('business calendar property', () => {
  const calendars = [
    budapest,
    calendar('Europe/Budapest', weekdays(['08:00', '12:00'], ['12:30', '16:30']), {
      country: 'HU',
      overrides: [
        { date: '2026-01-02', hours: [] },
        { date: '2026-01-10', hours: [{ start: '08:00', end: '16:00' }] },
      ],
    }),
    calendar('Europe/Budapest', { 7: [['01:30', '03:30']], 3: [['00:00', '24:00']] }),
    calendar('Europe/Budapest', everyDay(['00:00', '24:00'])),
    calendar('America/New_York', weekdays(['09:00', '17:00']), { country: 'US' }),
    calendar('Europe/Istanbul', weekdays(['09:00', '18:00']), { country: 'TR' }),
    calendar('Asia/Tashkent', weekdays(['09:00', '18:00']), { country: 'UZ' }),
    calendar('Asia/Kolkata', { 1: [['10:00', '18:00']], 6: [['10:00', '14:00']] }),
  ];

  it('counts back the minutes it added: businessMinutesBetween(from, addBusinessMinutes(from, m)) === m', () => {
    const next = random(20260327);
    const earliest = Date.parse('2025-01-01T00:00:00Z');
    const span = Date.parse('2028-01-01T00:00:00Z') - earliest;
    for (let run = 0; run < 400; run++) {
      const cal = calendars[Math.floor(next() * calendars.length)]!;
      const from = new Date(earliest + Math.floor((next() * span) / 1000) * 1000);
      // Mostly SLA-sized targets, sometimes up to 30 days of minutes.
      const minutes = next() < 0.8 ? Math.floor(next() * 600) : Math.floor(next() * 30 * 1440);
      const due = addBusinessMinutes(cal, from, minutes);
      const context = `${cal.timeZone} from ${from.toISOString()} + ${minutes}`;
      expect(businessMinutesBetween(cal, from, due), context).toBe(minutes);
      expect(due.getTime(), context).toBeGreaterThanOrEqual(nextOpening(cal, from)!.getTime());
      if (minutes > 0) expect(isOpenAt(cal, new Date(due.getTime() - 1)), context).toBe(true);
    }
  });
});
