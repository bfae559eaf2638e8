import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantableRole, Locale } from '@rapport/contracts';
import { countryCodes } from '../platform/countries';
import { listTimeZones, regionName, sortByLabel } from '../platform/format';
import { currentLocale } from '../platform/i18n';
import { consoleLocales, localeNames } from '../platform/locales';
import type { FieldControlProps } from './Field';
import { timeZoneOptionGroups } from './time-zone-options';

export type SelectProps = FieldControlProps & { value: string; onChange: (value: string) => void; disabled?: boolean };

/**
 * Every IANA time zone, grouped by area and named by its city in the UI language with its UTC offset now
 * ("Toshkent (GMT+05:00)"); the value is the zone's id. `emptyLabel` adds a first choice with value '' ("automatic").
 */
export function TimeZoneSelect({ value, onChange, emptyLabel, ...control }: SelectProps & { emptyLabel?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const groups = useMemo(() => timeZoneOptionGroups(listTimeZones(value), locale), [value, locale]);
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {groups.map(({ area, options }) => (
        <optgroup key={area} label={t(`timeZoneAreas.${area}`)}>
          {options.map(({ zone, label }) => (
            <option key={zone} value={zone}>
              {label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Countries by their names in the UI language; `emptyLabel` adds a "not set" choice. */
export function CountrySelect({
  value,
  onChange,
  locale,
  emptyLabel,
  ...control
}: SelectProps & { locale: string; emptyLabel?: string }) {
  const countries = useMemo(
    () =>
      sortByLabel(
        countryCodes.map((code) => ({ code, label: regionName(code, locale) })),
        locale,
      ),
    [locale],
  );
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {countries.map(({ code, label }) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** The five console languages, each in its own name. */
export function LocaleSelect({
  value,
  onChange,
  ...control
}: Omit<SelectProps, 'value' | 'onChange'> & { value: Locale; onChange: (value: Locale) => void }) {
  return (
    <select
      {...control}
      className="select"
      value={value}
      onChange={(event) => {
        const next = consoleLocales.find((locale) => locale === event.target.value);
        if (next) onChange(next);
      }}
    >
      {consoleLocales.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {localeNames[locale]}
        </option>
      ))}
    </select>
  );
}

/** The roles an invite or an API token may grant: agent or admin (owners are made, not granted). */
export function GrantableRoleSelect({
  value,
  onChange,
  ...control
}: FieldControlProps & { value: GrantableRole; onChange: (role: GrantableRole) => void }) {
  const { t } = useTranslation();
  return (
    <select
      {...control}
      className="select"
      value={value}
      onChange={(event) => onChange(event.target.value === 'admin' ? 'admin' : 'agent')}
    >
      <option value="agent">{t('roles.agent')}</option>
      <option value="admin">{t('roles.admin')}</option>
    </select>
  );
}
