import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { commonLanguageCodes } from '../../platform/countries';
import { languageName, sortByLabel } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';

/** A checkbox per common language, named in the UI language; used to route conversations. */
export function LanguagesSpokenField({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const options = useMemo(() => {
    const codes = new Set([...commonLanguageCodes, ...value]);
    return sortByLabel(
      [...codes].map((code) => ({ code, label: languageName(code, locale) })),
      locale,
    );
  }, [locale, value]);
  function toggle(code: string, isChecked: boolean) {
    onChange(isChecked ? [...value, code] : value.filter((item) => item !== code));
  }
  return (
    <fieldset className="fieldset">
      <legend>{t('profile.languages')}</legend>
      <p className="field__hint">{t('profile.languagesHint')}</p>
      <div className="checkbox-grid">
        {options.map(({ code, label }) => (
          <label key={code} className="checkbox">
            <input type="checkbox" checked={value.includes(code)} onChange={(event) => toggle(code, event.target.checked)} />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
