import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '@rapport/contracts';
import { advanceSlaClocks, type SlaClocks, type SlaContext } from './sla-clocks.js';

const budapest: BusinessCalendar = {
  timeZone: 'Europe/Budapest',
  weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidayCountry: 'HU',
  holidayRegion: null,
  overrides: [],
};
const targets = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 8 * 60 };
const idle: SlaClocks = {
  first_response_due_at: null,
  next_response_due_at: null,
  resolution_due_at: null,
  resolution_minutes_used: 0,
  resolution_clock_started_at: null,
  due_at: null,
};
const at = (iso: string) => new Date(iso);
const context = (now: string, more: Partial<SlaContext> = {}): SlaContext => ({
  now: at(now),
  calendar: budapest,
  targets,
  createdAt: at('2026-11-27T15:30:00Z'),
  hasFirstResponse: false,
  awaitingReplySince: null,
  ...more,
});

describe('SLA clocks', () => {
  it('runs first response and resolution in business hours only, and stops them while waiting on the customer', () => {
    // Friday 27 November 2026, 16:30 in Budapest (UTC+1): one open half hour left this week.
    const opened = advanceSlaClocks(idle, 'opened', context('2026-11-27T15:30:00Z'));
    expect(opened.first_response_due_at).toEqual(at('2026-11-30T08:30:00Z')); // Monday 09:30
    expect(opened.resolution_due_at).toEqual(at('2026-11-30T15:30:00Z')); // 8 open hours later: Monday 16:30
    expect(opened.due_at).toEqual(opened.first_response_due_at);

    // Answered Monday 10:00: first response met; the resolution clock has run 90 open minutes and stops.
    const replied = advanceSlaClocks(opened, 'agent_replied', context('2026-11-30T09:00:00Z'));
    expect(replied).toMatchObject({
      first_response_due_at: null,
      resolution_due_at: null,
      resolution_clock_started_at: null,
      due_at: null,
    });
    expect(replied.resolution_minutes_used).toBe(90);

    // The customer writes back Monday 16:00: the next response is due in 2 open hours (Tuesday 10:00),
    // the resolution clock runs again with 390 minutes left (Tuesday 14:30).
    const wrote = advanceSlaClocks(replied, 'customer_wrote', context('2026-11-30T15:00:00Z', { hasFirstResponse: true }));
    expect(wrote.next_response_due_at).toEqual(at('2026-12-01T09:00:00Z'));
    expect(wrote.resolution_due_at).toEqual(at('2026-12-01T13:30:00Z'));
    expect(wrote.due_at).toEqual(wrote.next_response_due_at);

    // Snoozed, then resumed the next morning: nothing ran meanwhile outside the hour it was open.
    const paused = advanceSlaClocks(wrote, 'paused', context('2026-11-30T15:30:00Z', { hasFirstResponse: true }));
    expect(paused.resolution_minutes_used).toBe(120);
    expect(paused.next_response_due_at).toEqual(wrote.next_response_due_at);
    const resumed = advanceSlaClocks(paused, 'resumed', context('2026-12-01T08:00:00Z', { hasFirstResponse: true }));
    expect(resumed.resolution_due_at).toEqual(at('2026-12-01T14:00:00Z'));

    const ended = advanceSlaClocks(resumed, 'ended', context('2026-12-01T09:00:00Z', { hasFirstResponse: true }));
    expect(ended).toMatchObject({
      first_response_due_at: null,
      next_response_due_at: null,
      resolution_due_at: null,
      due_at: null,
    });
    expect(ended.resolution_minutes_used).toBe(180);
  });

  it('skips public holidays, counts around the clock without business hours, and sets nothing without targets', () => {
    // Wednesday 23 December 2026 16:30; 24 December is a working day, 25–26 December are holidays.
    const christmas = advanceSlaClocks(idle, 'opened', context('2026-12-23T15:30:00Z'));
    expect(christmas.first_response_due_at).toEqual(at('2026-12-24T08:30:00Z'));
    const late = advanceSlaClocks(idle, 'opened', context('2026-12-24T15:30:00Z'));
    expect(late.first_response_due_at).toEqual(at('2026-12-28T08:30:00Z'));

    const anytime = advanceSlaClocks(idle, 'opened', context('2026-11-28T22:00:00Z', { calendar: null }));
    expect(anytime.first_response_due_at).toEqual(at('2026-11-28T23:00:00Z'));
    const none = advanceSlaClocks(idle, 'opened', context('2026-11-28T22:00:00Z', { targets: null }));
    expect(none.due_at).toBeNull();
  });

  it('measures running clocks again when the priority changes', () => {
    const opened = advanceSlaClocks(idle, 'opened', context('2026-11-30T08:00:00Z', { createdAt: at('2026-11-30T08:00:00Z') }));
    expect(opened.first_response_due_at).toEqual(at('2026-11-30T09:00:00Z'));
    const urgent = advanceSlaClocks(
      opened,
      'retargeted',
      context('2026-11-30T08:30:00Z', {
        createdAt: at('2026-11-30T08:00:00Z'),
        targets: { firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 120 },
      }),
    );
    expect(urgent.first_response_due_at).toEqual(at('2026-11-30T08:15:00Z'));
    expect(urgent.resolution_minutes_used).toBe(30);
    expect(urgent.resolution_due_at).toEqual(at('2026-11-30T10:00:00Z'));
    expect(urgent.due_at).toEqual(urgent.first_response_due_at);
  });

  it('leaves a target with no open time left within a year undue instead of failing', () => {
    const oneDay: BusinessCalendar = {
      ...budapest,
      weeklyHours: [],
      overrides: [{ date: '2026-12-01', hours: [{ start: '09:00', end: '17:00' }] }],
    };
    const opened = advanceSlaClocks(idle, 'opened', { ...context('2026-11-30T08:00:00Z'), calendar: oneDay });
    expect(opened.first_response_due_at).toEqual(at('2026-12-01T09:00:00Z'));
    expect(opened.resolution_due_at).toEqual(at('2026-12-01T16:00:00Z'));
    const long = advanceSlaClocks(idle, 'opened', {
      ...context('2026-11-30T08:00:00Z'),
      calendar: oneDay,
      targets: { ...targets, resolutionMinutes: 600 },
    });
    expect(long.resolution_due_at).toBeNull();
    expect(long.due_at).toEqual(long.first_response_due_at);
  });
});
