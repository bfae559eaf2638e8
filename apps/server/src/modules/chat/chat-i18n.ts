import { createInstance, type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import hu from './locales/hu.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import uz from './locales/uz.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import { widgetLocale } from './widget-setup.js';

// Customer-facing texts of live chat that the server writes (the transcript email), in the visitor's language.
const i18n = createInstance();
void i18n.init({
  resources: {
    en: { translation: en },
    hu: { translation: hu },
    tr: { translation: tr },
    uz: { translation: uz },
    de: { translation: de },
  },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The translation function for a visitor's language (one of the widget's, else English). */
export function chatTexts(language: string | null): TFunction {
  return i18n.getFixedT(widgetLocale(language));
}
