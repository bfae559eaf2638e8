import { describe, expect, it } from 'vitest';
import { defaultSnoozeUntil, fromDateTimeInputValue, toDateTimeInputValue } from './snooze';

describe('snooze times', () => {
  it('round-trips a local date-time input value', () => {
    const moment = new Date(2026, 10, 26, 9, 5);
    expect(toDateTimeInputValue(moment)).toBe('2026-11-26T09:05');
    expect(fromDateTimeInputValue('2026-11-26T09:05')?.getTime()).toBe(moment.getTime());
  });

  it('refuses what is not a date-time', () => {
    expect(fromDateTimeInputValue('')).toBeNull();
    expect(fromDateTimeInputValue('tomorrow')).toBeNull();
    expect(fromDateTimeInputValue('2026-13-45T99:99')).toBeNull();
  });

  it('suggests tomorrow at nine', () => {
    const suggestion = defaultSnoozeUntil(new Date(2026, 11, 31, 22, 30));
    expect(toDateTimeInputValue(suggestion)).toBe('2027-01-01T09:00');
  });
});
