import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { CountrySelect } from '../../components/selects';
import { currentLocale } from '../../platform/i18n';
import { CustomerLanguageSelect } from './customer-selects';
import type { CustomerFilters as Filters } from './list-query';

interface CustomerFiltersProps {
  /** What the inputs show (text is applied after a pause in typing). */
  value: Filters;
  onChange: (value: Filters) => void;
  /** Applies the search at once (Enter). */
  onApplyNow: () => void;
}

/** The search box and the tag, country and language filters above the customer list. */
export function CustomerFilters({ value, onChange, onApplyNow }: CustomerFiltersProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // Typing applies after a short pause; Enter applies at once.
  const applyOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onApplyNow();
  };
  return (
    <div className="customer-filters panel" role="search" aria-label={t('customers.list.filters')}>
      <div className="customer-filters__search">
        <Field label={t('customers.list.search')} hint={t('customers.list.searchHint')}>
          {(control) => (
            <input
              {...control}
              className="input input--search"
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={value.q}
              onChange={(event) => onChange({ ...value, q: event.target.value })}
              onKeyDown={applyOnEnter}
            />
          )}
        </Field>
      </div>
      <div className="customer-filters__row">
        <Field label={t('customers.list.tag')}>
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="off"
              value={value.tag}
              onChange={(event) => onChange({ ...value, tag: event.target.value })}
              onKeyDown={applyOnEnter}
            />
          )}
        </Field>
        <Field label={t('customers.list.country')}>
          {(control) => (
            <CountrySelect
              {...control}
              locale={locale}
              value={value.country}
              emptyLabel={t('customers.list.allCountries')}
              onChange={(country) => onChange({ ...value, country })}
            />
          )}
        </Field>
        <Field label={t('customers.list.language')}>
          {(control) => (
            <CustomerLanguageSelect
              {...control}
              locale={locale}
              value={value.language}
              emptyLabel={t('customers.list.allLanguages')}
              onChange={(language) => onChange({ ...value, language })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
