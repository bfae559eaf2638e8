import type { Locale } from '@rapport/contracts';

/** The languages the console is translated into, in the order the switcher lists them. */
export const consoleLocales: readonly Locale[] = ['en', 'hu', 'tr', 'uz', 'de'];

/** Each language in its own name: a reader finds their language whatever the UI shows. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  hu: 'Magyar',
  tr: 'Türkçe',
  uz: 'O\u02BBzbekcha',
  de: 'Deutsch',
};

/** Where the chosen language is kept for pages shown before sign-in. */
export const localeStorageKey = 'rapport.locale';

export function isConsoleLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (consoleLocales as readonly string[]).includes(value);
}

/**
 * Picks the first console language that matches the browser's preferences
 * (`navigator.languages`), comparing the primary language subtag, so `de-AT`
 * gives `de` and `uz-Cyrl-UZ` gives `uz`. Falls back to English.
 */
export function negotiateLocale(preferred: readonly string[] | undefined): Locale {
  for (const tag of preferred ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isConsoleLocale(primary)) return primary;
  }
  return 'en';
}

/**
 * The language to start with: the one saved by the switcher, or else the
 * browser's best match.
 */
export function initialLocale(saved: string | null, preferred: readonly string[] | undefined): Locale {
  return isConsoleLocale(saved) ? saved : negotiateLocale(preferred);
}

/**
 * The region of the browser's first language tag that names one (`en-GB` → `GB`),
 * a reasonable first guess for a workspace's country.
 */
export function guessCountry(preferred: readonly string[] | undefined): string | undefined {
  for (const tag of preferred ?? []) {
    const region = tag
      .split(/[-_]/)
      .slice(1)
      .find((part) => /^[A-Za-z]{2}$/.test(part));
    if (region) return region.toUpperCase();
  }
  return undefined;
}
