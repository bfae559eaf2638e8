import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formality, type AttributeDefinition } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { TimeZoneSelect } from '../../components/selects';
import { api } from '../../platform/api-client';
import { attributeFilterInput, isRangeAttribute, withAttributeFilter, type AttributeFilterInput } from './attribute-filters';
import { dateInputOf, moreFilterNames, lastDayInputOf, momentOfDateInput, type CustomerFilters as Filters } from './list-query';

interface MoreCustomerFiltersProps {
  value: Filters;
  onChange: (value: Filters) => void;
  onApplyNow: () => void;
}

/** How many of the filters behind "More filters" are in use. */
function countInUse(value: Filters): number {
  return moreFilterNames.filter((name) => value[name].trim() !== '').length + value.attribute.length;
}

type Definitions =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; items: AttributeDefinition[] };

/** A pair of date inputs for a range of days (this browser's time zone): from the first day to the end of the last. */
function DayRange({
  label,
  from,
  before,
  onChange,
}: {
  label: { from: string; to: string };
  from: string;
  before: string;
  onChange: (from: string, before: string) => void;
}) {
  return (
    <>
      <Field label={label.from}>
        {(control) => (
          <input
            {...control}
            className="input input--date"
            type="date"
            value={dateInputOf(from)}
            onChange={(event) => onChange(momentOfDateInput(event.target.value, 'start'), before)}
          />
        )}
      </Field>
      <Field label={label.to}>
        {(control) => (
          <input
            {...control}
            className="input input--date"
            type="date"
            value={lastDayInputOf(before)}
            onChange={(event) => onChange(from, momentOfDateInput(event.target.value, 'after'))}
          />
        )}
      </Field>
    </>
  );
}

/** The filter inputs of one custom field: one value (text, choice, yes/no) or a range (number, date). */
function AttributeFilter({
  definition,
  input,
  onChange,
  onKeyDown,
}: {
  definition: AttributeDefinition;
  input: AttributeFilterInput;
  onChange: (input: AttributeFilterInput) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const { t } = useTranslation();
  if (isRangeAttribute(definition)) {
    const type = definition.type === 'date' ? 'date' : 'number';
    const end = (edge: 'min' | 'max') => (
      <Field
        label={t(edge === 'min' ? 'customers.list.attributeFrom' : 'customers.list.attributeTo', { label: definition.label })}
      >
        {(control) => (
          <input
            {...control}
            className={type === 'date' ? 'input input--date' : 'input'}
            type={type}
            step={type === 'number' ? 'any' : undefined}
            value={input[edge]}
            onChange={(event) => onChange({ ...input, [edge]: event.target.value })}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
    );
    return (
      <>
        {end('min')}
        {end('max')}
      </>
    );
  }
  if (definition.type === 'text') {
    return (
      <Field label={definition.label}>
        {(control) => (
          <input
            {...control}
            className="input"
            autoComplete="off"
            value={input.value}
            onChange={(event) => onChange({ ...input, value: event.target.value })}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
    );
  }
  const options =
    definition.type === 'boolean'
      ? [
          { value: 'true', label: t('customers.attributes.yes') },
          { value: 'false', label: t('customers.attributes.no') },
        ]
      : definition.choices.map((choice) => ({ value: choice, label: choice }));
  return (
    <Field label={definition.label}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={input.value}
          onChange={(event) => onChange({ ...input, value: event.target.value })}
        >
          <option value="">{t('customers.list.any')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * Company, formality, time zone, marketing consent, when added, when last
 * contacted and the workspace's custom fields, in a disclosure that is open
 * while any of them is in use.
 */
export function MoreCustomerFilters({ value, onChange, onApplyNow }: MoreCustomerFiltersProps) {
  const { t } = useTranslation();
  const [definitions, setDefinitions] = useState<Definitions>({ status: 'loading' });
  const inUse = countInUse(value);
  const [isOpen, setOpen] = useState(inUse > 0);
  // Filters put in use from elsewhere (a saved view, the back button) open it; closing it is up to the person.
  const [wasInUse, setWasInUse] = useState(inUse > 0);
  if (wasInUse !== inUse > 0) {
    setWasInUse(inUse > 0);
    if (inUse > 0) setOpen(true);
  }
  const applyOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onApplyNow();
  };

  useEffect(() => {
    let isCurrent = true;
    api.get<{ items: AttributeDefinition[] }>('/customer-attributes').then(
      (page) => isCurrent && setDefinitions({ status: 'ready', items: page.items }),
      (error: unknown) => isCurrent && setDefinitions({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  return (
    <details className="customer-filters__more" open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('customers.list.moreFilters')}
        {inUse > 0 && <span className="badge badge--muted">{t('customers.list.filtersInUse', { count: inUse })}</span>}
      </summary>
      <div className="customer-filters__row">
        <Field label={t('customers.list.company')} hint={t('customers.list.companyHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="off"
              value={value.company}
              onChange={(event) => onChange({ ...value, company: event.target.value })}
              onKeyDown={applyOnEnter}
            />
          )}
        </Field>
        <Field label={t('customers.list.formality')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={value.formality}
              onChange={(event) => onChange({ ...value, formality: event.target.value })}
            >
              <option value="">{t('customers.list.any')}</option>
              {formality.options.map((option) => (
                <option key={option} value={option}>
                  {t(`customers.formality.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('customers.list.timeZone')}>
          {(control) => (
            <TimeZoneSelect
              {...control}
              value={value.timeZone}
              emptyLabel={t('customers.list.any')}
              onChange={(timeZone) => onChange({ ...value, timeZone })}
            />
          )}
        </Field>
        <Field label={t('customers.list.consent')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={value.consent}
              onChange={(event) => onChange({ ...value, consent: event.target.value })}
            >
              <option value="">{t('customers.list.any')}</option>
              <option value="yes">{t('customers.list.consentYes')}</option>
              <option value="no">{t('customers.list.consentNo')}</option>
              <option value="unknown">{t('customers.list.consentUnknown')}</option>
            </select>
          )}
        </Field>
        <DayRange
          label={{ from: t('customers.list.createdFrom'), to: t('customers.list.createdTo') }}
          from={value.createdFrom}
          before={value.createdBefore}
          onChange={(createdFrom, createdBefore) => onChange({ ...value, createdFrom, createdBefore })}
        />
        <DayRange
          label={{ from: t('customers.list.lastContactedFrom'), to: t('customers.list.lastContactedTo') }}
          from={value.lastContactedFrom}
          before={value.lastContactedBefore}
          onChange={(lastContactedFrom, lastContactedBefore) => onChange({ ...value, lastContactedFrom, lastContactedBefore })}
        />
        {definitions.status === 'ready' &&
          definitions.items.map((definition) => (
            <AttributeFilter
              key={definition.key}
              definition={definition}
              input={attributeFilterInput(value.attribute, definition)}
              onChange={(input) => onChange({ ...value, attribute: withAttributeFilter(value.attribute, definition, input) })}
              onKeyDown={applyOnEnter}
            />
          ))}
      </div>
      {definitions.status === 'failed' && <ErrorMessage error={definitions.error} />}
    </details>
  );
}
