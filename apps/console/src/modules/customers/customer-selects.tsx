import { useMemo } from 'react';
import type { SelectProps } from '../../components/selects';
import { commonLanguageCodes } from '../../platform/countries';
import { languageName, sortByLabel } from '../../platform/format';

/**
 * The languages customers most often write in, named in the UI language
 * (Intl.DisplayNames), with a first "empty" choice (not set, or any language).
 */
export function CustomerLanguageSelect({
  value,
  onChange,
  locale,
  emptyLabel,
  ...control
}: SelectProps & { locale: string; emptyLabel: string }) {
  const languages = useMemo(() => {
    const codes = new Set([...commonLanguageCodes, ...(value ? [value] : [])]);
    return sortByLabel(
      [...codes].map((code) => ({ code, label: languageName(code, locale) })),
      locale,
    );
  }, [locale, value]);
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {languages.map(({ code, label }) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}
