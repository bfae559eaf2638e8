import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, User } from '@rapport/contracts';
import { useSession } from '../app/session';
import { api } from '../platform/api-client';
import { currentLocale, setUiLocale } from '../platform/i18n';
import { consoleLocales, isConsoleLocale, localeNames } from '../platform/locales';
import { describeError } from '../platform/error-messages';

/**
 * The interface language. Before sign-in it is remembered in this browser;
 * signed in, it is also saved to the person's profile.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { state, update } = useSession();
  const id = useId();
  const [error, setError] = useState<unknown>(null);

  async function change(locale: Locale) {
    setError(null);
    await setUiLocale(locale);
    if (state.status !== 'signed-in') return;
    try {
      const user = await api.patch<User>('/me', { locale });
      update((me) => ({ ...me, user }));
    } catch (failure) {
      setError(failure);
    }
  }

  const message = error ? describeError(error) : undefined;
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select select--compact"
        value={currentLocale()}
        onChange={(event) => {
          if (isConsoleLocale(event.target.value)) void change(event.target.value);
        }}
      >
        {consoleLocales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
      {message && (
        <span role="alert" className="language-switcher__error">
          {t(message.key, message.values)}
        </span>
      )}
    </div>
  );
}
