import type { BusinessCalendar } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { addBusinessMinutes, businessMinutesBetween } from './business-calendar.js';

/** Targets of a priority in business minutes; null: no target. */
export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** The SLA columns of a conversation. */
export interface SlaClocks {
  first_response_due_at: Date | null;
  next_response_due_at: Date | null;
  resolution_due_at: Date | null;
  resolution_minutes_used: number;
  resolution_clock_started_at: Date | null;
  due_at: Date | null;
}

/**
 * What happened to the conversation:
 * - opened: a customer started it;
 * - customer_wrote: the customer wrote again (the next response is due; a paused resolution clock runs again);
 * - agent_replied: the first (or next) response was given; the conversation now waits on the customer;
 * - paused: waiting on the customer or snoozed (the resolution clock stops);
 * - resumed: open again by an agent (the resolution clock runs again);
 * - ended: resolved or closed (nothing is due);
 * - retargeted: priority or business hours changed (running clocks are measured again from their start).
 */
export type SlaChange = 'opened' | 'customer_wrote' | 'agent_replied' | 'paused' | 'resumed' | 'ended' | 'retargeted';

export interface SlaContext {
  now: Date;
  /** Business hours the clocks run in; null: around the clock. */
  calendar: BusinessCalendar | null;
  targets: SlaTargets | null;
  /** When the conversation started and whether it had its first response (before this change). */
  createdAt: Date;
  hasFirstResponse: boolean;
  /** When the customer last wrote without an answer yet, for `retargeted`. */
  awaitingReplySince: Date | null;
}

/** `from` plus open minutes; null when the calendar has no such time within a year (nothing can be due then). */
function add(calendar: BusinessCalendar | null, from: Date, minutes: number): Date | null {
  if (!calendar) return new Date(from.getTime() + minutes * 60_000);
  try {
    return addBusinessMinutes(calendar, from, minutes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar_never_open') return null;
    throw error;
  }
}
const between = (calendar: BusinessCalendar | null, from: Date, to: Date) =>
  calendar ? businessMinutesBetween(calendar, from, to) : Math.max(0, (to.getTime() - from.getTime()) / 60_000);

/**
 * The SLA clocks after a change. First response runs from the start until the
 * first reply; next response from each customer message after that until the
 * next reply; resolution runs while the conversation is open (not while it
 * waits on the customer or is snoozed) and adds up across openings. All count
 * business minutes of the calendar, so they stand still at night, at weekends
 * and on public holidays, correctly across daylight-saving changes.
 */
export function advanceSlaClocks(clocks: SlaClocks, change: SlaChange, context: SlaContext): SlaClocks {
  const { now, calendar, targets } = context;
  const next = { ...clocks };
  const stopResolution = () => {
    if (next.resolution_clock_started_at)
      next.resolution_minutes_used += between(calendar, next.resolution_clock_started_at, now);
    next.resolution_clock_started_at = null;
    next.resolution_due_at = null;
  };
  const runResolution = (from: Date) => {
    next.resolution_clock_started_at ??= from;
    next.resolution_due_at =
      targets?.resolutionMinutes != null
        ? add(calendar, next.resolution_clock_started_at, Math.max(0, targets.resolutionMinutes - next.resolution_minutes_used))
        : null;
  };
  switch (change) {
    case 'opened':
      next.first_response_due_at =
        targets?.firstResponseMinutes != null ? add(calendar, now, targets.firstResponseMinutes) : null;
      runResolution(now);
      break;
    case 'customer_wrote':
      if (context.hasFirstResponse && !next.next_response_due_at)
        next.next_response_due_at = targets?.nextResponseMinutes != null ? add(calendar, now, targets.nextResponseMinutes) : null;
      runResolution(now);
      break;
    case 'agent_replied':
      next.first_response_due_at = null;
      next.next_response_due_at = null;
      stopResolution();
      break;
    case 'paused':
      stopResolution();
      break;
    case 'resumed':
      runResolution(now);
      break;
    case 'ended':
      stopResolution();
      next.first_response_due_at = null;
      next.next_response_due_at = null;
      break;
    case 'retargeted':
      if (next.first_response_due_at)
        next.first_response_due_at =
          targets?.firstResponseMinutes != null ? add(calendar, context.createdAt, targets.firstResponseMinutes) : null;
      if (next.next_response_due_at && context.awaitingReplySince)
        next.next_response_due_at =
          targets?.nextResponseMinutes != null ? add(calendar, context.awaitingReplySince, targets.nextResponseMinutes) : null;
      if (next.resolution_clock_started_at) {
        // What ran so far stays spent; the rest is measured under the new target and hours.
        next.resolution_minutes_used += between(calendar, next.resolution_clock_started_at, now);
        next.resolution_clock_started_at = now;
        runResolution(now);
      }
      break;
  }
  const dues = [next.first_response_due_at, next.next_response_due_at, next.resolution_due_at].filter(
    (d): d is Date => d !== null,
  );
  next.due_at = dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
  return next;
}
