import de from '../locales/de.json';
import en from '../locales/en.json';
import hu from '../locales/hu.json';
import tr from '../locales/tr.json';
import uz from '../locales/uz.json';

/**
 * The widget's words in its five languages. All catalogs are bundled (a few KB): the launcher must render before
 * any request, in the visitor's language. A plural text is an object of Intl.PluralRules categories.
 */

export const widgetLanguages = ['en', 'hu', 'tr', 'uz', 'de'] as const;
export type WidgetLanguage = (typeof widgetLanguages)[number];

type Catalog = typeof en;
type Plural = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
const catalogs: Record<WidgetLanguage, Catalog> = { en, hu, tr, uz, de };

/** Dotted paths to the texts of a catalog ("status.online"). */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | Plural ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Catalog>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function asWidgetLanguage(tag: string | null | undefined): WidgetLanguage | null {
  if (!tag) return null;
  // 'tr-TR' -> tr, 'uz-Latn-UZ' -> uz, 'de_AT' -> de; our Uzbek is Latin, also the best offer for uz-Cyrl readers.
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (widgetLanguages as readonly string[]).includes(primary ?? '') ? (primary as WidgetLanguage) : null;
}

/**
 * The language to show: the host page's override when it is one of ours, else the browser's first preferred
 * language that is, else English.
 */
export function chooseLanguage(override: string | null | undefined, preferred: readonly string[]): WidgetLanguage {
  const chosen = asWidgetLanguage(override);
  if (chosen) return chosen;
  for (const tag of preferred) {
    const match = asWidgetLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

/** Writing direction for the html element (all five are left to right; kept general for added languages). */
export function textDirection(language: string): 'ltr' | 'rtl' {
  return /^(ar|fa|he|ur|ps|yi)\b/.test(language) ? 'rtl' : 'ltr';
}

function lookup(catalog: Catalog, key: string): string | Plural | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' || (typeof node === 'object' && node !== null) ? (node as string | Plural) : undefined;
}

/**
 * A translator for `language`: `{name}` placeholders are filled from params (numbers formatted for the locale);
 * with a numeric `count`, plural texts pick the locale's plural form. A key missing in a catalog falls back to
 * English (the catalogs test keeps that from happening).
 */
export function createTranslator(language: WidgetLanguage): Translate {
  const plurals = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  return (key, params = {}) => {
    const entry = lookup(catalogs[language], key) ?? lookup(catalogs.en, key) ?? key;
    const count = params.count;
    const text =
      typeof entry === 'string' ? entry : (entry[typeof count === 'number' ? plurals.select(count) : 'other'] ?? entry.other);
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params[name];
      if (value === undefined) return placeholder;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}

/** Every catalog, for the catalogs test. */
export function allCatalogs(): Record<WidgetLanguage, unknown> {
  return catalogs;
}
