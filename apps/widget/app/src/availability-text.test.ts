import { describe, expect, it } from 'vitest';
import { describeAvailability, describeNextOnline, describeReplyTime } from './availability-text';
import { createTranslator } from './i18n';

const en = createTranslator('en');
/** ICU versions differ in the space before AM/PM (U+0020 or U+202F). */
const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null;

describe('describeNextOnline', () => {
  // 2026-03-02 is a Monday. At 20:00 UTC it is 23:00 in Istanbul (UTC+3) but already 01:00 Tuesday in Tashkent (UTC+5).
  const now = new Date('2026-03-02T20:00:00Z');

  it('says "tomorrow" in Istanbul and "today" in Tashkent for the same instant', () => {
    const next = new Date('2026-03-03T06:00:00Z'); // 09:00 Istanbul, 11:00 Tashkent, both on Tuesday
    expect(plain(describeNextOnline(next, now, 'en', 'Europe/Istanbul', en))).toBe("We'll answer tomorrow at 9:00 AM your time");
    expect(plain(describeNextOnline(next, now, 'en', 'Asia/Tashkent', en))).toBe("We'll answer today at 11:00 AM your time");
  });

  it("uses the visitor's language for time and weekday", () => {
    const next = new Date('2026-03-05T06:00:00Z'); // Thursday
    expect(describeNextOnline(next, now, 'tr', 'Europe/Istanbul', createTranslator('tr'))).toBe(
      'Perşembe günü sizin saatinizle 09:00 itibarıyla yanıt vereceğiz',
    );
    expect(describeNextOnline(next, now, 'uz', 'Asia/Tashkent', createTranslator('uz'))).toMatch(
      /^payshanba kuni sizning vaqtingiz bilan soat 11:00 da javob beramiz$/,
    );
    expect(describeNextOnline(next, now, 'de', 'Europe/Berlin', createTranslator('de'))).toBe(
      'Wir antworten am Donnerstag um 07:00 (Ihre Ortszeit)',
    );
  });

  it('gives a date a week or more ahead', () => {
    const next = new Date('2026-03-16T08:00:00Z');
    expect(describeNextOnline(next, now, 'hu', 'Europe/Budapest', createTranslator('hu'))).toBe(
      'Válaszolunk: március 16., 9:00 (az Ön ideje szerint)',
    );
  });
});

describe('describeReplyTime', () => {
  it('rounds to minutes, hours or days', () => {
    expect(describeReplyTime(0, en)).toBe('Usually replies within 1 minute');
    expect(describeReplyTime(12, en)).toBe('Usually replies within 12 minutes');
    expect(describeReplyTime(90, en)).toBe('Usually replies within 2 hours');
    expect(describeReplyTime(60 * 30, en)).toBe('Usually replies within 1 day');
  });
});

describe('describeAvailability', () => {
  const options = { now: new Date('2026-03-02T10:00:00Z'), language: 'en', timeZone: 'UTC', t: en };

  it('online: the headline and the usual reply time when known', () => {
    expect(describeAvailability({ online: true, nextOnlineAt: null, usualReplyMinutes: 3 }, options)).toEqual({
      headline: "We're online",
      detail: 'Usually replies within 3 minutes',
    });
    expect(describeAvailability({ online: true, nextOnlineAt: null, usualReplyMinutes: null }, options).detail).toBeNull();
  });

  it('offline: when the team is back, or nothing when unknown', () => {
    const back = { online: false, nextOnlineAt: '2026-03-02T13:30:00Z', usualReplyMinutes: null };
    const text = describeAvailability(back, options);
    expect(text.headline).toBe("We're away right now");
    expect(plain(text.detail)).toBe("We'll answer today at 1:30 PM your time");
    expect(describeAvailability({ ...back, nextOnlineAt: null }, options).detail).toBeNull();
  });
});
