import { describe, expect, it } from 'vitest';
import {
  announcedPercent,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  isImportActive,
  isImportFinished,
  progressFraction,
  timeLeft,
} from './import-progress';

const progress = {
  rowsTotal: 10_000,
  rowsDone: 2_500,
  created: 2_000,
  updated: 400,
  skipped: 0,
  failed: 100,
  warnings: 3,
  rowsPerSecond: 1_250,
  secondsLeft: 6,
};

// Intl separates number and unit with a no-break space in some languages.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('status', () => {
  it('knows which imports are still on their way and which have ended', () => {
    expect(isImportActive('queued')).toBe(true);
    expect(isImportActive('running')).toBe(true);
    expect(isImportActive('uploaded')).toBe(false);
    expect(isImportActive('done')).toBe(false);
    expect(isImportFinished('failed')).toBe(true);
    expect(isImportFinished('running')).toBe(false);
  });
});

describe('progressFraction', () => {
  it('divides rows done by the (estimated) total, within 0 and 1', () => {
    expect(progressFraction(progress, 'running')).toBe(0.25);
    expect(progressFraction({ ...progress, rowsDone: 12_000 }, 'running')).toBe(1);
    expect(progressFraction({ ...progress, rowsTotal: 0, rowsDone: 0 }, 'queued')).toBe(0);
    expect(progressFraction({ ...progress, rowsTotal: 0, rowsDone: 0 }, 'done')).toBe(1);
  });

  it('announces whole tens only, so screen readers are not flooded', () => {
    expect(announcedPercent(0.25)).toBe(20);
    expect(announcedPercent(0.999)).toBe(90);
    expect(announcedPercent(1)).toBe(100);
  });
});

describe('timeLeft', () => {
  it('rounds to something a person reads at a glance', () => {
    expect(timeLeft(null)).toEqual({ kind: 'unknown' });
    expect(timeLeft(0)).toEqual({ kind: 'lessThanMinute' });
    expect(timeLeft(59)).toEqual({ kind: 'lessThanMinute' });
    expect(timeLeft(100)).toEqual({ kind: 'about', value: 2, unit: 'minute' });
    expect(timeLeft(59 * 60)).toEqual({ kind: 'about', value: 59, unit: 'minute' });
    expect(timeLeft(60 * 60)).toEqual({ kind: 'about', value: 1, unit: 'hour' });
    expect(timeLeft(95 * 60)).toEqual({ kind: 'about', value: 1.5, unit: 'hour' });
  });
});

describe('formatDuration', () => {
  it('names the unit in the UI language through Intl', () => {
    expect(plain(formatDuration(2, 'minute', 'en'))).toBe('2 minutes');
    expect(plain(formatDuration(1, 'minute', 'en'))).toBe('1 minute');
    expect(plain(formatDuration(2, 'minute', 'hu'))).toBe('2 perc');
    expect(plain(formatDuration(2, 'minute', 'tr'))).toBe('2 dakika');
    expect(plain(formatDuration(1.5, 'hour', 'de'))).toBe('1,5 Stunden');
    expect(plain(formatDuration(3, 'hour', 'uz'))).toBe('3 soat');
  });
});

describe('numbers', () => {
  it('groups digits and writes percentages the local way', () => {
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(plain(formatCount(12_345, 'hu'))).toBe('12 345');
    expect(formatPercent(0.4, 'en')).toBe('40%');
    expect(formatPercent(0.4, 'tr')).toBe('%40');
    expect(plain(formatPercent(0.4, 'de'))).toBe('40 %');
  });
});

describe('formatNumber', () => {
  it('uses the browser’s Intl data, or CLDR’s Uzbek separators where it has none', () => {
    expect(plain(formatNumber(12_345.5, 'hu'))).toBe('12 345,5');
    // Node ships Uzbek data, so this is Intl's own answer; Chromium gets the same from the stand-in.
    expect(plain(formatNumber(12_345.5, 'uz'))).toBe('12 345,5');
  });
});
