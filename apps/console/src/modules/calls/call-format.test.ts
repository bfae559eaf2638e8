import { describe, expect, it } from 'vitest';
import { durationParts, formatDuration } from './call-format';

describe('call durations', () => {
  it('splits seconds into hours, minutes and seconds', () => {
    expect(durationParts(3725)).toEqual({ hours: 1, minutes: 2, seconds: 5 });
    expect(durationParts(-3)).toEqual({ hours: 0, minutes: 0, seconds: 0 });
  });

  it('formats through Intl in the language', () => {
    expect(formatDuration(95, 'en')).toMatch(/1\D+35/);
    expect(formatDuration(42, 'de')).toMatch(/42/);
  });
});
