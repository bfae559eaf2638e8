import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar, BusinessCalendarResource, CalendarOverride } from '@rapport/contracts';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CountrySelect, TimeZoneSelect } from '../../components/selects';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { useMe } from '../../app/session';
import { ApiError } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDate, regionName, zoneCityName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { WorkingHoursEditor } from '../profile/WorkingHoursEditor';
import { findIntervalProblems, sortWorkingHours } from '../profile/working-hours';
import { invalidOverrides, newCalendar, nextOverrideDate } from './business-calendar-form';
import { createBusinessCalendar, fetchBusinessCalendars, updateBusinessCalendar } from './helpdesk-api';
import { useList } from './useList';
import './helpdesk.css';

/** A date's exceptions: closed, or open at the hours given. */
function OverridesEditor({
  value,
  onChange,
  invalid,
}: {
  value: CalendarOverride[];
  onChange: (value: CalendarOverride[]) => void;
  invalid: number[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const set = (index: number, change: Partial<CalendarOverride>) =>
    onChange(value.map((override, position) => (position === index ? { ...override, ...change } : override)));
  return (
    <fieldset className="fieldset">
      <legend>{t('helpdesk.businessHours.overridesTitle')}</legend>
      <p className="field__hint">{t('helpdesk.businessHours.overridesHint')}</p>
      {value.length === 0 && <p className="muted">{t('helpdesk.businessHours.noOverrides')}</p>}
      <ul className="overrides">
        {value.map((override, index) => {
          const dateLabel = override.date ? formatDate(`${override.date}T12:00:00Z`, locale) : String(index + 1);
          const isClosed = override.hours.length === 0;
          return (
            <li key={index} className="overrides__item">
              <Field
                label={t('helpdesk.businessHours.overrideDate')}
                isInvalid={invalid.includes(index)}
                errorMessage={t('helpdesk.businessHours.overrideInvalid')}
              >
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    className="input input--date"
                    value={override.date}
                    onChange={(event) => set(index, { date: event.target.value })}
                  />
                )}
              </Field>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={isClosed}
                  onChange={(event) => set(index, { hours: event.target.checked ? [] : [{ start: '09:00', end: '13:00' }] })}
                />
                <span>{t('helpdesk.businessHours.closed')}</span>
              </label>
              {!isClosed && (
                <div className="overrides__hours">
                  {override.hours.map((interval, position) => (
                    <div key={position} className="working-hours__interval">
                      <label>
                        <span className="visually-hidden">
                          {t('helpdesk.businessHours.overrideStart', { date: dateLabel, number: position + 1 })}
                        </span>
                        <span aria-hidden="true" className="working-hours__label">
                          {t('workingHours.from')}
                        </span>
                        <input
                          type="time"
                          className="input input--time"
                          value={interval.start}
                          onChange={(event) =>
                            set(index, {
                              hours: override.hours.map((item, at) =>
                                at === position ? { ...item, start: event.target.value } : item,
                              ),
                            })
                          }
                        />
                      </label>
                      <label>
                        <span className="visually-hidden">
                          {t('helpdesk.businessHours.overrideEnd', { date: dateLabel, number: position + 1 })}
                        </span>
                        <span aria-hidden="true" className="working-hours__label">
                          {t('workingHours.to')}
                        </span>
                        <input
                          type="time"
                          className="input input--time"
                          value={interval.end}
                          onChange={(event) =>
                            set(index, {
                              hours: override.hours.map((item, at) =>
                                at === position ? { ...item, end: event.target.value } : item,
                              ),
                            })
                          }
                        />
                      </label>
                      {override.hours.length > 1 && (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          onClick={() => set(index, { hours: override.hours.filter((_, at) => at !== position) })}
                        >
                          {t('workingHours.remove')}
                        </button>
                      )}
                    </div>
                  ))}
                  {override.hours.length < 4 && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => set(index, { hours: [...override.hours, { start: '14:00', end: '17:00' }] })}
                    >
                      {t('workingHours.add')}
                    </button>
                  )}
                </div>
              )}
              <button
                type="button"
                className="button button--small button--danger-quiet"
                aria-label={t('helpdesk.businessHours.removeOverrideLabel', { date: dateLabel })}
                onClick={() => onChange(value.filter((_, position) => position !== index))}
              >
                {t('helpdesk.businessHours.removeOverride')}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...value, { date: nextOverrideDate(value), hours: [] }])}
      >
        {t('helpdesk.businessHours.addOverride')}
      </button>
    </fieldset>
  );
}

interface CalendarFormProps {
  editing: BusinessCalendarResource | null;
  onSaved: (calendar: BusinessCalendarResource) => void;
  onCancel: () => void;
}

/** Creates or changes one calendar: name, time zone, weekly hours, public holidays, exceptions, default. */
function CalendarForm({ editing, onSaved, onCancel }: CalendarFormProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe();
  const [name, setName] = useState(editing?.name ?? '');
  const [calendar, setCalendar] = useState<BusinessCalendar>(
    editing?.calendar ?? newCalendar(me.workspace.timeZone, me.workspace.country),
  );
  const [isDefault, setDefault] = useState(editing?.isDefault ?? false);
  const [badOverrides, setBadOverrides] = useState<number[]>([]);
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const isUnknownRegion = submission.error instanceof ApiError && submission.error.code === 'unknown_holiday_region';
  const change = (next: Partial<BusinessCalendar>) => setCalendar((current) => ({ ...current, ...next }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const overrides = invalidOverrides(calendar.overrides);
    setBadOverrides(overrides);
    const clientError = clientValidationError([
      ...(name.trim() ? [] : ['name']),
      ...(findIntervalProblems(calendar.weeklyHours).size > 0 || overrides.length > 0 ? ['calendar'] : []),
    ]);
    if (clientError) return submission.setError(clientError);
    const region = calendar.holidayRegion?.trim() ?? '';
    const body = {
      name: name.trim(),
      isDefault,
      calendar: {
        ...calendar,
        weeklyHours: sortWorkingHours(calendar.weeklyHours),
        holidayRegion: calendar.holidayCountry && region ? region : null,
        overrides: [...calendar.overrides].sort((a, b) => a.date.localeCompare(b.date)),
      },
    };
    void submission.run(async () => {
      onSaved(editing ? await updateBusinessCalendar(editing.id, body) : await createBusinessCalendar(body));
    });
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="calendar-form-heading">
      <h2 id="calendar-form-heading">
        {editing ? t('helpdesk.common.editTitle', { name: editing.name }) : t('helpdesk.businessHours.formTitle')}
      </h2>
      {!isUnknownRegion && <ErrorMessage error={submission.error} />}
      <div className="form__row">
        <Field
          label={t('helpdesk.businessHours.name')}
          hint={t('helpdesk.businessHours.nameHint')}
          isInvalid={invalid.includes('name')}
        >
          {(control) => (
            <input {...control} className="input" maxLength={80} value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <Field label={t('helpdesk.businessHours.timeZone')}>
          {(control) => <TimeZoneSelect {...control} value={calendar.timeZone} onChange={(timeZone) => change({ timeZone })} />}
        </Field>
      </div>
      <fieldset className="fieldset">
        <legend>{t('helpdesk.businessHours.weekTitle')}</legend>
        <p className="field__hint">{t('helpdesk.businessHours.weekHint')}</p>
        <WorkingHoursEditor value={calendar.weeklyHours} onChange={(weeklyHours) => change({ weeklyHours })} />
      </fieldset>
      <div className="form__row">
        <Field label={t('helpdesk.businessHours.holidayCountry')}>
          {(control) => (
            <CountrySelect
              {...control}
              locale={locale}
              emptyLabel={t('helpdesk.businessHours.noHolidays')}
              value={calendar.holidayCountry ?? ''}
              onChange={(country) => change({ holidayCountry: country || null, ...(country ? {} : { holidayRegion: null }) })}
            />
          )}
        </Field>
        <Field
          label={t('helpdesk.businessHours.holidayRegion')}
          hint={t('helpdesk.businessHours.holidayRegionHint')}
          isOptional
          isInvalid={isUnknownRegion || invalid.includes('holidayRegion')}
          errorMessage={isUnknownRegion ? t('errors.unknown_holiday_region') : undefined}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={20}
              disabled={!calendar.holidayCountry}
              value={calendar.holidayRegion ?? ''}
              onChange={(event) => change({ holidayRegion: event.target.value || null })}
            />
          )}
        </Field>
      </div>
      <OverridesEditor value={calendar.overrides} onChange={(overrides) => change({ overrides })} invalid={badOverrides} />
      <label className="checkbox">
        <input type="checkbox" checked={isDefault} onChange={(event) => setDefault(event.target.checked)} />
        <span>{t('helpdesk.businessHours.isDefault')}</span>
      </label>
      <p className="field__hint">{t('helpdesk.businessHours.isDefaultHint')}</p>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submission.isPending}>
          {submission.isPending ? t('common.saving') : t('helpdesk.businessHours.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Business hours: the workspace's calendars, and a form to add or change one. */
export function BusinessHoursPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const calendars = useList(fetchBusinessCalendars);
  const [form, setForm] = useState<{ editing: BusinessCalendarResource | null } | null>(null);
  const [status, setStatus] = useState('');

  function saved(calendar: BusinessCalendarResource) {
    calendars.setItems((items) =>
      [...items.filter((item) => item.id !== calendar.id), calendar]
        .map((item) => (calendar.isDefault && item.id !== calendar.id ? { ...item, isDefault: false } : item))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    );
    setForm(null);
    setStatus(t('helpdesk.businessHours.saved', { name: calendar.name }));
  }

  const columns: DataTableColumn<BusinessCalendarResource>[] = [
    {
      id: 'name',
      header: t('helpdesk.businessHours.name'),
      cell: (item) => (
        <>
          {item.name}
          {item.isDefault && (
            <>
              {' '}
              <span className="badge">{t('helpdesk.businessHours.defaultBadge')}</span>
            </>
          )}
        </>
      ),
    },
    { id: 'zone', header: t('helpdesk.businessHours.timeZone'), cell: (item) => zoneCityName(item.calendar.timeZone, locale) },
    {
      id: 'holidays',
      header: t('helpdesk.businessHours.holidays'),
      cell: (item) =>
        item.calendar.holidayCountry ? (
          `${regionName(item.calendar.holidayCountry, locale)}${item.calendar.holidayRegion ? ` (${item.calendar.holidayRegion})` : ''}`
        ) : (
          <span className="muted">{t('helpdesk.businessHours.noHolidays')}</span>
        ),
    },
    {
      id: 'overrides',
      header: t('helpdesk.businessHours.overridesTitle'),
      cell: (item) => t('helpdesk.businessHours.overrideCount', { count: item.calendar.overrides.length }),
    },
  ];

  return (
    <>
      <PageHeading title={t('helpdesk.businessHours.title')}>
        <p>{t('helpdesk.businessHours.intro')}</p>
      </PageHeading>
      <section className="section" aria-labelledby="calendars-heading">
        <h2 id="calendars-heading">{t('helpdesk.businessHours.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {calendars.state.status === 'loading' && <Loading />}
        {calendars.state.status === 'failed' && (
          <>
            <ErrorMessage error={calendars.state.error} />
            <button type="button" className="button" onClick={calendars.reload}>
              {t('app.retry')}
            </button>
          </>
        )}
        {calendars.state.status === 'ready' && calendars.state.items.length === 0 && (
          <p className="muted">{t('helpdesk.businessHours.none')}</p>
        )}
        {calendars.state.status === 'ready' && calendars.state.items.length > 0 && (
          <DataTable
            label={t('helpdesk.businessHours.listTitle')}
            labelledBy="calendars-heading"
            columns={columns}
            rows={calendars.state.items}
            rowKey={(item) => item.id}
            actions={(item) => (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setStatus('');
                  setForm({ editing: item });
                }}
              >
                {t('helpdesk.common.edit')}
                <span className="visually-hidden"> {item.name}</span>
              </button>
            )}
          />
        )}
        {!form && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setStatus('');
              setForm({ editing: null });
            }}
          >
            {t('helpdesk.businessHours.add')}
          </button>
        )}
      </section>
      {form && (
        <CalendarForm key={form.editing?.id ?? 'new'} editing={form.editing} onSaved={saved} onCancel={() => setForm(null)} />
      )}
    </>
  );
}
