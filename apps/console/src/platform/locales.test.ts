import { describe, expect, it } from 'vitest';
import { guessCountry, initialLocale, isConsoleLocale, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it('takes the first browser language the console speaks', () => {
    expect(negotiateLocale(['fr-FR', 'hu-HU', 'en-US'])).toBe('hu');
    expect(negotiateLocale(['tr'])).toBe('tr');
  });

  it('matches on the primary subtag, whatever the region or script', () => {
    expect(negotiateLocale(['de-AT'])).toBe('de');
    expect(negotiateLocale(['uz-Cyrl-UZ'])).toBe('uz');
    expect(negotiateLocale(['UZ_latn'])).toBe('uz');
  });

  it('falls back to English', () => {
    expect(negotiateLocale(['ja-JP', 'ko'])).toBe('en');
    expect(negotiateLocale([])).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});

describe('initialLocale', () => {
  it('prefers the language saved by the switcher', () => {
    expect(initialLocale('uz', ['de-DE'])).toBe('uz');
  });

  it('ignores a saved value the console does not know', () => {
    expect(initialLocale('fr', ['de-DE'])).toBe('de');
    expect(initialLocale(null, ['tr-TR'])).toBe('tr');
  });
});

describe('isConsoleLocale', () => {
  it('accepts exactly the five console languages', () => {
    expect(['en', 'hu', 'tr', 'uz', 'de'].every(isConsoleLocale)).toBe(true);
    expect(isConsoleLocale('en-US')).toBe(false);
    expect(isConsoleLocale(undefined)).toBe(false);
  });
});

describe('guessCountry', () => {
  it('reads the region of the first tag that has one', () => {
    expect(guessCountry(['hu', 'en-GB'])).toBe('GB');
    expect(guessCountry(['uz-Latn-UZ'])).toBe('UZ');
    expect(guessCountry(['tr-tr'])).toBe('TR');
  });

  it('returns undefined without a region', () => {
    expect(guessCountry(['de', 'en'])).toBeUndefined();
    expect(guessCountry(['es-419'])).toBeUndefined();
  });
});
