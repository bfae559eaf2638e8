import { createInstance, type TFunction } from 'i18next';
import { supportedLocales, type Locale } from '@rapport/contracts';

/**
 * A module's catalog of texts the server writes for people (emails, report
 * files), one JSON per supported language: returns the translation function
 * for a language tag ("hu", "tr-TR"; any other falls back to English).
 */
export function serverTexts(catalogs: Record<Locale, object>): (language: string | null) => TFunction {
  const i18n = createInstance();
  void i18n.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([locale, catalog]) => [locale, { translation: catalog }])),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return (language) => i18n.getFixedT(supportedLocaleOf(language));
}

/** The supported language of a tag: its base language if supported, else English. */
export function supportedLocaleOf(language: string | null): Locale {
  const base = language?.toLowerCase().split(/[-_]/)[0] ?? '';
  return (supportedLocales as readonly string[]).includes(base) ? (base as Locale) : 'en';
}
