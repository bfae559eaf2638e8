import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CompleteSetupInput, Locale, Me, SetupStatus } from '@rapport/contracts';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CountrySelect, LocaleSelect, TimeZoneSelect } from '../../components/selects';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { currentLocale, setUiLocale } from '../../platform/i18n';
import { tokenFromHash } from '../../platform/links';
import { guessCountry } from '../../platform/locales';
import { minimumPasswordLength, passwordProblem } from './passwords';

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** First run: creates the workspace and its owner from the link the server printed. */
export function SetupPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<SetupStatus | 'loading' | { error: unknown }>('loading');
  const [linkToken] = useState(() => tokenFromHash(window.location.hash));
  const [form, setForm] = useState({
    token: linkToken ?? '',
    workspaceName: '',
    name: '',
    email: '',
    password: '',
    timeZone: browserTimeZone(),
    country: guessCountry(navigator.languages) ?? '',
  });
  const locale = currentLocale();
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  useEffect(() => {
    let isCurrent = true;
    api
      .get<SetupStatus>('/setup')
      .then((result) => isCurrent && setStatus(result))
      .catch((error: unknown) => isCurrent && setStatus({ error }));
    return () => {
      isCurrent = false;
    };
  }, []);

  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = [
      !form.token.trim() && 'token',
      !form.workspaceName.trim() && 'workspaceName',
      !form.name.trim() && 'name',
      !form.email.trim() && 'email',
      passwordProblem(form.password) && 'password',
    ].filter((field): field is string => !!field);
    const clientError = clientValidationError(problems);
    if (clientError) return submission.setError(clientError);
    const input: CompleteSetupInput = {
      token: form.token.trim(),
      workspaceName: form.workspaceName.trim(),
      name: form.name.trim(),
      email: form.email.trim(),
      password: form.password,
      locale,
      timeZone: form.timeZone,
      ...(form.country ? { country: form.country } : {}),
    };
    void submission.run(async () => {
      signedIn(await api.post<Me>('/setup', input));
      void navigate('/inbox', { replace: true });
    });
  }

  if (status === 'loading') return <Loading />;
  if ('error' in status) {
    return (
      <>
        <PageHeading title={t('setup.title')} />
        <ErrorMessage error={status.error} />
      </>
    );
  }
  if (!status.required) {
    return (
      <>
        <PageHeading title={t('setup.doneTitle')} />
        <p>{t('setup.doneBody')}</p>
        <Link className="button button--primary" to="/sign-in">
          {t('setup.goToSignIn')}
        </Link>
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('setup.title')}>
        <p>{t('setup.intro')}</p>
      </PageHeading>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorMessage error={submission.error} />
        {!linkToken && (
          <Field label={t('setup.token')} hint={t('setup.tokenHint')} isInvalid={invalid.includes('token')}>
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                autoComplete="off"
                value={form.token}
                onChange={(event) => set('token')(event.target.value)}
              />
            )}
          </Field>
        )}
        <fieldset className="fieldset">
          <legend>{t('setup.workspaceSection')}</legend>
          <Field
            label={t('setup.workspaceName')}
            hint={t('setup.workspaceNameHint')}
            isInvalid={invalid.includes('workspaceName')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="organization"
                value={form.workspaceName}
                onChange={(event) => set('workspaceName')(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('setup.country')} isOptional isInvalid={invalid.includes('country')}>
            {(control) => (
              <CountrySelect
                {...control}
                locale={locale}
                value={form.country}
                onChange={set('country')}
                emptyLabel={t('common.notSet')}
              />
            )}
          </Field>
          <Field label={t('setup.timeZone')} hint={t('setup.timeZoneHint')} isInvalid={invalid.includes('timeZone')}>
            {(control) => <TimeZoneSelect {...control} value={form.timeZone} onChange={set('timeZone')} />}
          </Field>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('setup.ownerSection')}</legend>
          <Field label={t('setup.name')} isInvalid={invalid.includes('name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="name"
                value={form.name}
                onChange={(event) => set('name')(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('setup.email')} isInvalid={invalid.includes('email')}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                autoComplete="email"
                value={form.email}
                onChange={(event) => set('email')(event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('setup.password')}
            hint={t('password.rule', { count: minimumPasswordLength })}
            isInvalid={invalid.includes('password')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(event) => set('password')(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('setup.language')} hint={t('setup.languageHint')} isInvalid={invalid.includes('locale')}>
            {(control) => <LocaleSelect {...control} value={locale} onChange={(next: Locale) => void setUiLocale(next)} />}
          </Field>
        </fieldset>
        <button type="submit" className="button button--primary button--block" disabled={submission.isPending}>
          {submission.isPending ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </>
  );
}
