import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@rapport/contracts';
import en from '../locales/en.json';
import hu from '../locales/hu.json';
import tr from '../locales/tr.json';
import uz from '../locales/uz.json';
import de from '../locales/de.json';

const catalogs: Record<Locale, Record<string, unknown>> = { en, hu, tr, uz, de };

/** For tests that render components to HTML: the console's catalog in `locale`, the UI language before the next render. */
export async function loadTexts(locale: Locale): Promise<void> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      lng: locale,
      resources: { [locale]: { translation: catalogs[locale] } },
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    return;
  }
  if (!i18n.hasResourceBundle(locale, 'translation')) i18n.addResourceBundle(locale, 'translation', catalogs[locale]);
  await i18n.changeLanguage(locale);
}

/** The console's English catalog, ready before the first render. */
export function loadEnglishTexts(): Promise<void> {
  return loadTexts('en');
}
