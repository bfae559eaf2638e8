import { describe, expect, it } from 'vitest';
import { formatClock, minutesAhead, timeZoneLongName, utcOffsetMinutes } from './local-time';

const winter = new Date('2026-11-24T12:00:00Z');
const summer = new Date('2026-07-01T12:00:00Z');

describe('utcOffsetMinutes', () => {
  it('follows summer time', () => {
    expect(utcOffsetMinutes('Europe/Budapest', winter)).toBe(60);
    expect(utcOffsetMinutes('Europe/Budapest', summer)).toBe(120);
    expect(utcOffsetMinutes('Asia/Kolkata', winter)).toBe(330);
    expect(utcOffsetMinutes('America/New_York', winter)).toBe(-300);
    expect(utcOffsetMinutes('UTC', winter)).toBe(0);
    expect(utcOffsetMinutes('Not/A_Zone', winter)).toBeUndefined();
  });
});

describe('minutesAhead', () => {
  it('compares the customer’s clock with the agent’s', () => {
    expect(minutesAhead('Asia/Tashkent', 'Europe/Budapest', winter)).toBe(240);
    expect(minutesAhead('Europe/Istanbul', 'Europe/Budapest', summer)).toBe(60);
    expect(minutesAhead('America/New_York', 'Europe/Berlin', winter)).toBe(-360);
    expect(minutesAhead('Europe/Budapest', 'Europe/Vienna', winter)).toBe(0);
    expect(minutesAhead('Nowhere', 'Europe/Vienna', winter)).toBeUndefined();
  });
});

describe('zone names and clocks', () => {
  it('names the zone in the UI language', () => {
    expect(timeZoneLongName('Europe/Budapest', 'en', winter)).toBe('Central European Standard Time');
    expect(timeZoneLongName('Europe/Budapest', 'de', summer)).toBe('Mitteleuropäische Sommerzeit');
  });

  it('shows the wall-clock time there', () => {
    expect(formatClock('Asia/Tashkent', 'en-GB', winter)).toBe('17:00');
  });
});
