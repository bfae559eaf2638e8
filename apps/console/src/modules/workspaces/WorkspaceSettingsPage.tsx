import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, UpdateWorkspaceInput, Workspace } from '@rapport/contracts';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CountrySelect, LocaleSelect, TimeZoneSelect } from '../../components/selects';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { currentLocale } from '../../platform/i18n';

interface WorkspaceForm {
  name: string;
  defaultLocale: Locale;
  timeZone: string;
  country: string;
}

function toForm(workspace: Workspace): WorkspaceForm {
  return {
    name: workspace.name,
    defaultLocale: workspace.defaultLocale,
    timeZone: workspace.timeZone,
    country: workspace.country ?? '',
  };
}

/** The workspace's name and the defaults its customers get (language, time zone, country). */
export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { update } = useSession();
  const [form, setForm] = useState<WorkspaceForm | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const locale = currentLocale();

  useEffect(() => {
    let isCurrent = true;
    api
      .get<Workspace>('/workspace')
      .then((workspace) => isCurrent && setForm(toForm(workspace)))
      .catch((error: unknown) => isCurrent && setLoadError(error));
    return () => {
      isCurrent = false;
    };
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    const clientError = clientValidationError(form.name.trim() ? [] : ['name']);
    if (clientError) return submission.setError(clientError);
    const input: UpdateWorkspaceInput = {
      name: form.name.trim(),
      defaultLocale: form.defaultLocale,
      timeZone: form.timeZone,
      country: form.country || null,
    };
    void submission.run(async () => {
      const workspace = await api.patch<Workspace>('/workspace', input);
      setForm(toForm(workspace));
      update((me) => ({
        ...me,
        workspace,
        workspaces: me.workspaces.map((item) => (item.id === workspace.id ? { ...item, name: workspace.name } : item)),
      }));
    });
  }

  return (
    <>
      <PageHeading title={t('workspaceSettings.title')}>
        <p>{t('workspaceSettings.intro')}</p>
      </PageHeading>
      <ErrorMessage error={loadError} />
      {!form && !loadError && <Loading />}
      {form && (
        <form className="form panel" onSubmit={submit} noValidate>
          <ErrorMessage error={submission.error} />
          <Field label={t('workspaceSettings.name')} isInvalid={invalid.includes('name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={form.name}
                onChange={(event) => setForm({ ...form, name: event.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('workspaceSettings.defaultLocale')}
            hint={t('workspaceSettings.defaultLocaleHint')}
            isInvalid={invalid.includes('defaultLocale')}
          >
            {(control) => (
              <LocaleSelect
                {...control}
                value={form.defaultLocale}
                onChange={(defaultLocale) => setForm({ ...form, defaultLocale })}
              />
            )}
          </Field>
          <Field
            label={t('workspaceSettings.timeZone')}
            hint={t('workspaceSettings.timeZoneHint')}
            isInvalid={invalid.includes('timeZone')}
          >
            {(control) => (
              <TimeZoneSelect {...control} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} />
            )}
          </Field>
          <Field label={t('workspaceSettings.country')} isOptional isInvalid={invalid.includes('country')}>
            {(control) => (
              <CountrySelect
                {...control}
                locale={locale}
                value={form.country}
                onChange={(country) => setForm({ ...form, country })}
                emptyLabel={t('common.notSet')}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submission.isPending}>
              {submission.isPending ? t('common.saving') : t('common.save')}
            </button>
            {submission.hasSucceeded && <StatusMessage>{t('common.saved')}</StatusMessage>}
          </div>
        </form>
      )}
    </>
  );
}
