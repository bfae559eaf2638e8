import { describe, expect, it } from 'vitest';
import { countryCodes } from './countries';
import { lacksUzbekData } from './format';
import {
  uzbekDate,
  uzbekDateTime,
  uzbekLanguageName,
  uzbekList,
  uzbekRegionName,
  uzbekRelativeTime,
  uzbekWeekday,
  uzbekWeekdayTime,
} from './uzbek-intl';

const moment = new Date('2026-11-24T23:36:00Z');

describe('Uzbek stand-in formats', () => {
  it('formats dates as CLDR does, in the given time zone', () => {
    expect(uzbekDate(moment, 'UTC')).toBe('24-noy, 2026');
    expect(uzbekDate(moment, 'Asia/Tashkent')).toBe('25-noy, 2026');
    expect(uzbekDateTime(moment, 'Asia/Tashkent')).toBe('25-noy, 2026, 04:36');
    expect(uzbekWeekdayTime(moment, 'Asia/Tashkent')).toBe('Chor 04:36');
  });

  it('names weekdays from Monday', () => {
    expect(uzbekWeekday(1, 'long')).toBe('dushanba');
    expect(uzbekWeekday(7, 'short')).toBe('Yak');
  });

  it('says relative times the Uzbek way', () => {
    expect(uzbekRelativeTime(3, 'day')).toBe('3 kundan keyin');
    expect(uzbekRelativeTime(-2, 'hour')).toBe('2 soat oldin');
    expect(uzbekRelativeTime(1, 'day')).toBe('ertaga');
    expect(uzbekRelativeTime(0, 'second')).toBe('hozir');
  });

  it('joins lists with “va” and names languages', () => {
    expect(uzbekList(['a', 'b', 'c'])).toBe('a, b va c');
    expect(uzbekList(['a'])).toBe('a');
    expect(uzbekLanguageName('uz')).toBe('oʻzbek');
    expect(uzbekLanguageName('xx')).toBeUndefined();
  });

  it('names every country the console offers as CLDR does, with the modifier-letter apostrophes', () => {
    expect(uzbekRegionName('HU')).toBe('Vengriya');
    expect(uzbekRegionName('uz')).toBe('Oʻzbekiston');
    expect(uzbekRegionName('XX')).toBeUndefined();
    // Node ships full ICU: the stand-in names are its Uzbek names, apostrophes aside.
    const cldr = new Intl.DisplayNames(['uz'], { type: 'region' });
    for (const code of countryCodes) {
      const name = uzbekRegionName(code);
      expect(name, code).toBe(cldr.of(code)?.replaceAll('‘', 'ʻ').replaceAll('’', 'ʼ'));
      expect(name, code).not.toMatch(/['‘’`]/);
    }
  });

  it('is not used where the runtime has real Uzbek data (Node ships full ICU)', () => {
    expect(lacksUzbekData('uz')).toBe(false);
    expect(lacksUzbekData('hu')).toBe(false);
  });
});
