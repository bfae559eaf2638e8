import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { CountrySelect } from '../../components/selects';
import { currentLocale } from '../../platform/i18n';
import { CustomerLanguageSelect } from './customer-selects';
import { MoreCustomerFilters } from './MoreCustomerFilters';
import {
  isSearch,
  sortChoiceOf,
  sortChoices,
  sortLabelKeys,
  withSortChoice,
  type CustomerFilters as Filters,
  type SortChoice,
} from './list-query';

interface CustomerFiltersProps {
  /** What the inputs show (text is applied after a pause in typing). */
  value: Filters;
  onChange: (value: Filters) => void;
  /** Applies the search at once (Enter). */
  onApplyNow: () => void;
}

/**
 * The search box, the tag, country and language filters and the sort above
 * the customer list; the other filters (company, formality, time zone,
 * consent, dates, custom fields) behind "More filters".
 */
export function CustomerFilters({ value, onChange, onApplyNow }: CustomerFiltersProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // Typing applies after a short pause; Enter applies at once.
  const applyOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onApplyNow();
  };
  const searching = isSearch(value);
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
        <Field label={t('customers.list.sort')} hint={searching ? t('customers.list.sortWhileSearching') : undefined}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={sortChoiceOf(value)}
              disabled={searching}
              onChange={(event) => onChange(withSortChoice(value, event.target.value as SortChoice))}
            >
              {sortChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(sortLabelKeys[choice])}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <MoreCustomerFilters value={value} onChange={onChange} onApplyNow={onApplyNow} />
    </div>
  );
}
