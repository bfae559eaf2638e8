import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, UpdateProfileInput, User } from '@rapport/contracts';
import { useMe, useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { LocaleSelect, TimeZoneSelect } from '../../components/selects';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatLocalTime, zoneCityName } from '../../platform/format';
import { currentLocale, setUiLocale } from '../../platform/i18n';
import { isConsoleLocale } from '../../platform/locales';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguagesSpokenField } from './LanguagesSpokenField';
import { WorkingHoursEditor } from './WorkingHoursEditor';
import { findIntervalProblems, sortWorkingHours } from './working-hours';

/** The signed-in person's own settings: identity, languages, time zone, hours, password. */
export function ProfileSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { update } = useSession();
  const [form, setForm] = useState({
    name: me.user.name,
    locale: isConsoleLocale(me.user.locale) ? me.user.locale : currentLocale(),
    languages: me.user.languages,
    timeZone: me.user.timeZone,
    workingHours: me.user.workingHours,
  });
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = [!form.name.trim() && 'name', findIntervalProblems(form.workingHours).size > 0 && 'workingHours'].filter(
      (field): field is string => !!field,
    );
    const clientError = clientValidationError(problems);
    if (clientError) return submission.setError(clientError);
    const input: UpdateProfileInput = {
      name: form.name.trim(),
      locale: form.locale,
      languages: form.languages,
      timeZone: form.timeZone,
      workingHours: sortWorkingHours(form.workingHours),
    };
    void submission.run(async () => {
      const user = await api.patch<User>('/me', input);
      update((current) => ({ ...current, user }));
      setForm((current) => ({ ...current, workingHours: user.workingHours }));
      if (isConsoleLocale(user.locale)) await setUiLocale(user.locale);
    });
  }

  return (
    <>
      <PageHeading title={t('profile.title')}>
        <p>{t('profile.intro')}</p>
      </PageHeading>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('profile.aboutYou')}</h2>
        <ErrorMessage error={submission.error} />
        <dl className="summary summary--inline">
          <div>
            <dt>{t('profile.email')}</dt>
            <dd>{me.user.email}</dd>
          </div>
          <div>
            <dt>{t('profile.role')}</dt>
            <dd>{t(`roles.${me.role}`)}</dd>
          </div>
        </dl>
        <Field label={t('profile.name')} isInvalid={invalid.includes('name')}>
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="name"
              value={form.name}
              onChange={(event) => setForm({ ...form, name: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('profile.locale')} hint={t('profile.localeHint')} isInvalid={invalid.includes('locale')}>
          {(control) => (
            <LocaleSelect {...control} value={form.locale} onChange={(locale: Locale) => setForm({ ...form, locale })} />
          )}
        </Field>
        <LanguagesSpokenField value={form.languages} onChange={(languages) => setForm({ ...form, languages })} />
        {invalid.includes('languages') && (
          <p className="field__error">{t('errors.field_invalid', { field: t('profile.languages') })}</p>
        )}
        <Field
          label={t('profile.timeZone')}
          hint={t('profile.timeZoneHint', { time: formatLocalTime(form.timeZone, currentLocale()) })}
          isInvalid={invalid.includes('timeZone')}
        >
          {(control) => (
            <TimeZoneSelect {...control} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} />
          )}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('workingHours.title')}</legend>
          <p className="field__hint">{t('workingHours.hint', { timeZone: zoneCityName(form.timeZone, currentLocale()) })}</p>
          <WorkingHoursEditor value={form.workingHours} onChange={(workingHours) => setForm({ ...form, workingHours })} />
          {invalid.includes('workingHours') && (
            <p className="field__error">{t('errors.field_invalid', { field: t('workingHours.title') })}</p>
          )}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : t('common.save')}
          </button>
          {submission.hasSucceeded && <StatusMessage>{t('common.saved')}</StatusMessage>}
        </div>
      </form>
      <ChangePasswordForm email={me.user.email} />
    </>
  );
}
