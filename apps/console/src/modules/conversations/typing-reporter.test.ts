import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingReporter } from './typing-reporter';

describe('TypingReporter', () => {
  let sent: boolean[];
  let reporter: TypingReporter;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    sent = [];
    reporter = new TypingReporter({ send: (typing) => sent.push(typing) });
  });

  afterEach(() => {
    reporter.stop();
    vi.useRealTimers();
  });

  it('says "typing" on the first keystroke and at most every three seconds while keystrokes continue', () => {
    reporter.input();
    expect(sent).toEqual([true]);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(250);
      reporter.input();
    }
    // 2.5 s later: nothing new.
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(500);
    reporter.input();
    expect(sent).toEqual([true, true]);
    expect(reporter.isTyping).toBe(true);
  });

  it('says "stopped" five seconds after the last keystroke, once', () => {
    reporter.input();
    vi.advanceTimersByTime(4_000);
    reporter.input();
    vi.advanceTimersByTime(4_999);
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, true, false]);
    expect(reporter.isTyping).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([true, true, false]);
  });

  it('says "stopped" at once on stop (a sent message, leaving), and nothing when it had not said "typing"', () => {
    reporter.stop();
    expect(sent).toEqual([]);
    reporter.input();
    reporter.stop();
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
    // Typing again right after a stop is announced at once.
    reporter.input();
    expect(sent).toEqual([true, false, true]);
  });
});
