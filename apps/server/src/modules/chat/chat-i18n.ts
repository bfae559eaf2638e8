import { serverTexts } from '../../platform/server-texts.js';
import en from './locales/en.json' with { type: 'json' };
import hu from './locales/hu.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import uz from './locales/uz.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };

/**
 * Customer-facing texts of live chat that the server writes (the transcript email): the translation function for a
 * visitor's language (one of the widget's, else English).
 */
export const chatTexts = serverTexts({ en, hu, tr, uz, de });
