import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@rapport/contracts';
import en from '../locales/en.json';
import hu from '../locales/hu.json';
import tr from '../locales/tr.json';
import uz from '../locales/uz.json';
import de from '../locales/de.json';
import { consoleLocales, initialLocale, isConsoleLocale, localeStorageKey } from './locales';

function readSavedLocale(): string | null {
  try {
    return localStorage.getItem(localeStorageKey);
  } catch {
    return null;
  }
}

function applyToDocument(locale: string): void {
  document.documentElement.lang = locale;
}

/** Starts i18next with every catalog bundled (they are small) and the best starting language. */
export function setUpI18n(): typeof i18n {
  const lng = initialLocale(readSavedLocale(), navigator.languages);
  void i18n.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      hu: { translation: hu },
      tr: { translation: tr },
      uz: { translation: uz },
      de: { translation: de },
    },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...consoleLocales],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  applyToDocument(lng);
  i18n.on('languageChanged', applyToDocument);
  return i18n;
}

/** The UI language now in use. */
export function currentLocale(): Locale {
  return isConsoleLocale(i18n.language) ? i18n.language : 'en';
}

/** Switches the UI language and remembers it for the next visit, signed in or not. */
export async function setUiLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(localeStorageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
