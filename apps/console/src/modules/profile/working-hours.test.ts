import { describe, expect, it } from 'vitest';
import type { WorkingHoursInterval } from '@rapport/contracts';
import {
  addInterval,
  canAddInterval,
  copyDayToWeekdays,
  findIntervalProblems,
  intervalsOfDay,
  removeInterval,
  sortWorkingHours,
  updateInterval,
} from './working-hours';

const monday: WorkingHoursInterval = { day: 1, start: '09:00', end: '12:00' };

describe('addInterval', () => {
  it('starts an empty day with office hours', () => {
    expect(addInterval([], 3)).toEqual([{ day: 3, start: '09:00', end: '17:00' }]);
  });

  it('adds the next interval an hour after the last one ends', () => {
    expect(addInterval([monday], 1)).toEqual([monday, { day: 1, start: '13:00', end: '17:00' }]);
  });

  it('stops before midnight', () => {
    const late = [{ day: 2, start: '18:00', end: '21:30' }];
    expect(addInterval(late, 2)).toEqual([...late, { day: 2, start: '22:30', end: '23:59' }]);
    const night = [{ day: 2, start: '18:00', end: '23:00' }];
    expect(canAddInterval(night, 2)).toBe(false);
    expect(addInterval(night, 2)).toEqual(night);
  });
});

describe('updateInterval and removeInterval', () => {
  it('changes or drops one interval by position without touching the input', () => {
    const hours = [monday, { day: 2, start: '10:00', end: '18:00' }];
    expect(updateInterval(hours, 1, { end: '16:00' })[1]).toEqual({ day: 2, start: '10:00', end: '16:00' });
    expect(removeInterval(hours, 0)).toEqual([hours[1]]);
    expect(hours).toHaveLength(2);
  });
});

describe('intervalsOfDay', () => {
  it('returns a day’s intervals earliest first, with their positions', () => {
    const hours = [{ day: 1, start: '14:00', end: '18:00' }, { day: 2, start: '09:00', end: '10:00' }, monday];
    expect(intervalsOfDay(hours, 1).map(({ index }) => index)).toEqual([2, 0]);
  });
});

describe('copyDayToWeekdays', () => {
  it('gives Monday to Friday the same hours and keeps the weekend', () => {
    const saturday = { day: 6, start: '10:00', end: '14:00' };
    const result = copyDayToWeekdays([monday, { day: 3, start: '07:00', end: '08:00' }, saturday], 1);
    expect(result).toEqual([1, 2, 3, 4, 5].map((day) => ({ ...monday, day })).concat(saturday));
  });
});

describe('sortWorkingHours', () => {
  it('orders by weekday, then start', () => {
    const sorted = sortWorkingHours([{ day: 2, start: '09:00', end: '10:00' }, { day: 1, start: '13:00', end: '14:00' }, monday]);
    expect(sorted.map((interval) => `${interval.day} ${interval.start}`)).toEqual(['1 09:00', '1 13:00', '2 09:00']);
  });
});

describe('findIntervalProblems', () => {
  it('accepts well-formed, separate intervals (24:00 included)', () => {
    expect(findIntervalProblems([monday, { day: 1, start: '12:00', end: '24:00' }]).size).toBe(0);
  });

  it('flags an end that is not after the start', () => {
    expect(findIntervalProblems([{ day: 1, start: '10:00', end: '10:00' }]).get(0)).toBe('end_before_start');
  });

  it('flags the later of two overlapping intervals', () => {
    const problems = findIntervalProblems([{ day: 1, start: '11:00', end: '15:00' }, monday]);
    expect([...problems]).toEqual([[0, 'overlap']]);
  });

  it('flags times the server would refuse', () => {
    expect(findIntervalProblems([{ day: 1, start: '', end: '10:00' }]).get(0)).toBe('invalid_time');
  });
});
