import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone';

describe('formatPhone', () => {
  it('groups numbers of the countries it knows', () => {
    expect(formatPhone('+36301234567')).toBe('+36 30 123 4567');
    expect(formatPhone('+3612345678')).toBe('+36 1 234 5678');
    expect(formatPhone('+905321234567')).toBe('+90 532 123 45 67');
    expect(formatPhone('+998901234567')).toBe('+998 90 123 45 67');
    expect(formatPhone('+12125550123')).toBe('+1 212 555 0123');
  });

  it('leaves other numbers as stored', () => {
    expect(formatPhone('+4930123456')).toBe('+4930123456');
    expect(formatPhone('+3630123')).toBe('+3630123');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});

describe('telHref', () => {
  it('keeps only the digits and the plus', () => {
    expect(telHref('+36 30 123 4567')).toBe('tel:+36301234567');
  });
});
