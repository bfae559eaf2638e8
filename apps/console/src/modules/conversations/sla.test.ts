import { describe, expect, it } from 'vitest';
import { dueCountdown, durationParts } from './sla';

const now = Date.parse('2026-11-25T10:00:00Z');
const at = (minutes: number, seconds = 0) => new Date(now + minutes * 60_000 + seconds * 1000).toISOString();

describe('durationParts', () => {
  it('uses minutes under an hour, hours and minutes under a day, days and hours beyond', () => {
    expect(durationParts(25)).toEqual([{ unit: 'minute', value: 25 }]);
    expect(durationParts(60)).toEqual([{ unit: 'hour', value: 1 }]);
    expect(durationParts(125)).toEqual([
      { unit: 'hour', value: 2 },
      { unit: 'minute', value: 5 },
    ]);
    expect(durationParts(24 * 60)).toEqual([{ unit: 'day', value: 1 }]);
    expect(durationParts(3 * 24 * 60 + 4 * 60 + 59)).toEqual([
      { unit: 'day', value: 3 },
      { unit: 'hour', value: 4 },
    ]);
  });
});

describe('dueCountdown', () => {
  it('counts down to a due time in whole minutes, rounded up', () => {
    expect(dueCountdown(at(25), now)).toEqual({ isOverdue: false, isSoon: true, parts: [{ unit: 'minute', value: 25 }] });
    expect(dueCountdown(at(24, 30), now).parts).toEqual([{ unit: 'minute', value: 25 }]);
    expect(dueCountdown(at(0, 10), now).parts).toEqual([{ unit: 'minute', value: 1 }]);
  });

  it('warns only within the last half hour', () => {
    expect(dueCountdown(at(30), now).isSoon).toBe(true);
    expect(dueCountdown(at(31), now).isSoon).toBe(false);
    expect(dueCountdown(at(90), now).parts).toEqual([
      { unit: 'hour', value: 1 },
      { unit: 'minute', value: 30 },
    ]);
  });

  it('says how long a due time has passed', () => {
    expect(dueCountdown(at(-10), now)).toEqual({ isOverdue: true, isSoon: false, parts: [{ unit: 'minute', value: 10 }] });
    expect(dueCountdown(at(0), now)).toEqual({ isOverdue: true, isSoon: false, parts: [{ unit: 'minute', value: 1 }] });
    expect(dueCountdown(at(-26 * 60), now).parts).toEqual([
      { unit: 'day', value: 1 },
      { unit: 'hour', value: 2 },
    ]);
  });
});
