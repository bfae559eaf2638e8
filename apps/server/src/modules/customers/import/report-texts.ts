import type { TFunction } from 'i18next';
import { serverTexts } from '../../../platform/server-texts.js';
import type { RowIssue } from './normalize-row.js';
import en from './locales/en.json' with { type: 'json' };
import hu from './locales/hu.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import uz from './locales/uz.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };

/** The error report's reasons, in the language of the person who started the import. */
export const reportTexts = serverTexts({ en, hu, tr, uz, de });

/** A problem's reason as the report gives it: its text in the report's language, with the cell's value and its params. */
export function issueReason(t: TFunction, issue: RowIssue): string {
  return t(`reasons.${issue.reason ?? issue.code}`, { value: issue.value, ...issue.params, defaultValue: issue.message });
}
