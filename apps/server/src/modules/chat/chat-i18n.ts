import type { TFunction } from 'i18next';
import { serverTexts } from '../../platform/server-texts.js';
import en from './locales/en.json' with { type: 'json' };
import hu from './locales/hu.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import uz from './locales/uz.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };

// Customer-facing texts of live chat that the server writes (the transcript email), in the visitor's language.
const texts = serverTexts({ en, hu, tr, uz, de });

/** The translation function for a visitor's language (one of the widget's, else English). */
export function chatTexts(language: string | null): TFunction {
  return texts(language);
}
