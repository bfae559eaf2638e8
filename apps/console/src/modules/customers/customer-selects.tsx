import { useMemo } from 'react';
import type { FieldControlProps } from '../../components/Field';
import { commonLanguageCodes } from '../../platform/countries';
import { languageName, listTimeZones, sortByLabel, timeZoneOffset } from '../../platform/format';

type SelectProps = FieldControlProps & { value: string; onChange: (value: string) => void; disabled?: boolean };

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

/** Every IANA time zone with its UTC offset, after a first "automatic" choice (value ''). */
export function CustomerTimeZoneSelect({
  value,
  onChange,
  automaticLabel,
  ...control
}: SelectProps & { automaticLabel: string }) {
  const zones = useMemo(() => {
    const now = new Date();
    return listTimeZones(value).map((zone) => {
      const offset = timeZoneOffset(zone, now);
      return { zone, label: `${zone.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}` };
    });
  }, [value]);
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{automaticLabel}</option>
      {zones.map(({ zone, label }) => (
        <option key={zone} value={zone}>
          {label}
        </option>
      ))}
    </select>
  );
}
