import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetHttpError } from './api';
import { brandColours, contrastRatio } from './contrast';
import { splitLinks } from './linkify';
import { openSession } from './session';
import { TypingNotifier } from './typing';

describe('splitLinks', () => {
  it('links http(s) addresses without their trailing punctuation', () => {
    expect(splitLinks('See https://example.com/a?b=1, then reply.')).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', then reply.' },
    ]);
  });

  it('never links other schemes, and leaves markup as text', () => {
    expect(splitLinks('javascript:alert(1) <b>hi</b>')).toEqual([{ text: 'javascript:alert(1) <b>hi</b>' }]);
    expect(splitLinks('x https://a.test/"onmouseover=1')).toEqual([
      { text: 'x ' },
      { text: 'https://a.test/', href: 'https://a.test/' },
      { text: '"onmouseover=1' },
    ]);
  });
});

describe('brandColours', () => {
  it('puts white on dark colours and dark text on light ones, both readable', () => {
    expect(brandColours('#1f6feb').text).toBe('#ffffff');
    expect(brandColours('#ffd400').text).toBe('#111418');
    for (const colour of ['#1f6feb', '#ffd400', '#00a86b', '#e91e63', '#777777']) {
      const { background, text } = brandColours(colour);
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens a mid tone that neither white nor black reads on', () => {
    expect(brandColours('#777777')).toEqual({ background: '#717171', text: '#ffffff' });
  });

  it('falls back to the default for anything but #rrggbb', () => {
    expect(brandColours('red').background).toBe('#1f6feb');
  });
});

describe('TypingNotifier', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('says typing at most every 3 s while keys come, and stops after 5 s idle', () => {
    const sent: boolean[] = [];
    const notifier = new TypingNotifier((typing) => sent.push(typing), { throttleMs: 3_000, idleMs: 5_000, now: Date.now });
    for (let i = 0; i < 8; i++) {
      notifier.input();
      vi.advanceTimersByTime(1_000);
    }
    expect(sent).toEqual([true, true, true]);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([true, true, true, false]);
    notifier.stop();
    expect(sent).toHaveLength(4);
  });
});

describe('openSession', () => {
  const session = { visitorToken: 't', visitor: { id: 'v', name: null, email: null, identified: false } };

  it('retries without a refused identity and says so', async () => {
    const calls: unknown[] = [];
    const outcome = await openSession(
      {
        createSession: async (input) => {
          calls.push(input);
          if (input.identity) throw new WidgetHttpError(401, 'invalid_identity_signature', 'bad');
          return session;
        },
      },
      { key: 'k', identity: { externalId: 'u1', signature: 'a'.repeat(64) } },
    );
    expect(outcome).toEqual({ kind: 'ready', session, identityRefused: true });
    expect(calls).toHaveLength(2);
  });

  it('reports an unknown widget, and rethrows what is worth retrying', async () => {
    const refuse = (error: Error) => ({ createSession: () => Promise.reject(error) });
    await expect(openSession(refuse(new WidgetHttpError(404, 'unknown_widget', 'no')), { key: 'k' })).resolves.toEqual({
      kind: 'unavailable',
    });
    await expect(openSession(refuse(new WidgetHttpError(503, 'internal_error', 'down')), { key: 'k' })).rejects.toThrow();
    await expect(openSession(refuse(new TypeError('network')), { key: 'k' })).rejects.toThrow('network');
  });
});
