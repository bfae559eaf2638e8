import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreateApiTokenInput, CreatedApiToken, GrantableRole, Locale } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { GrantableRoleSelect } from '../../components/selects';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { SecretReveal } from '../../components/SecretReveal';
import { StatusMessage } from '../../components/StatusMessage';
import { usePagedList } from '../../components/usePagedList';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDate, formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';

/** Expiry choices in days; 0 means the token never expires. */
const expiryDays = [30, 90, 365, 0];

function expiresAtFor(days: number, now: number = Date.now()): string | null {
  return days === 0 ? null : new Date(now + days * 24 * 3600 * 1000).toISOString();
}

/** API tokens for integrations: create (the secret is shown once), list, revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { state, loadMore, replaceItems } = usePagedList<ApiToken>('/api-tokens?limit=100');
  const [name, setName] = useState('');
  const [role, setRole] = useState<GrantableRole>('agent');
  const [days, setDays] = useState(90);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [status, setStatus] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const clientError = clientValidationError(name.trim() ? [] : ['name']);
    if (clientError) return submission.setError(clientError);
    const input: CreateApiTokenInput = { name: name.trim(), role, expiresAt: expiresAtFor(days) };
    void submission.run(async () => {
      const result = await api.post<CreatedApiToken>('/api-tokens', input);
      setCreated(result);
      setName('');
      replaceItems((items) => [result.apiToken, ...items]);
    });
  }

  async function revoke(token: ApiToken) {
    await api.delete(`/api-tokens/${token.id}`);
    replaceItems((items) => items.filter((item) => item.id !== token.id));
    setStatus(t('apiTokens.revoked', { name: token.name }));
  }

  const dateOrNever = (iso: string | null, format: (iso: string, locale: Locale) => string) =>
    iso ? <time dateTime={iso}>{format(iso, locale)}</time> : <span className="muted">{t('common.never')}</span>;
  const columns: DataTableColumn<ApiToken>[] = [
    { id: 'name', header: t('apiTokens.name'), cell: (token) => token.name },
    { id: 'prefix', header: t('apiTokens.prefix'), cell: (token) => <code>{token.prefix}…</code> },
    { id: 'role', header: t('apiTokens.role'), cell: (token) => t(`roles.${token.role}`) },
    {
      id: 'created',
      header: t('apiTokens.created'),
      cell: (token) => <time dateTime={token.createdAt}>{formatDate(token.createdAt, locale)}</time>,
    },
    {
      id: 'lastUsed',
      header: t('apiTokens.lastUsed'),
      cell: (token) => dateOrNever(token.lastUsedAt, formatDateTime),
    },
    {
      id: 'expires',
      header: t('apiTokens.expires'),
      cell: (token) => dateOrNever(token.expiresAt, formatDate),
    },
  ];

  return (
    <>
      <PageHeading title={t('apiTokens.title')}>
        <p>{t('apiTokens.intro')}</p>
      </PageHeading>
      {created ? (
        <SecretReveal
          label={t('apiTokens.secretTitle', { name: created.apiToken.name })}
          value={created.token}
          warning={t('apiTokens.secretWarning')}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form className="form panel" onSubmit={submit} noValidate aria-labelledby="token-form-heading">
          <h2 id="token-form-heading">{t('apiTokens.formTitle')}</h2>
          <ErrorMessage error={submission.error} />
          <div className="form__row">
            <Field label={t('apiTokens.name')} hint={t('apiTokens.nameHint')} isInvalid={invalid.includes('name')}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  autoComplete="off"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('apiTokens.role')} isInvalid={invalid.includes('role')}>
              {(control) => <GrantableRoleSelect {...control} value={role} onChange={setRole} />}
            </Field>
            <Field label={t('apiTokens.expiry')} isInvalid={invalid.includes('expiresAt')}>
              {(control) => (
                <select {...control} className="select" value={days} onChange={(event) => setDays(Number(event.target.value))}>
                  {expiryDays.map((count) => (
                    <option key={count} value={count}>
                      {count === 0 ? t('apiTokens.noExpiry') : t('apiTokens.days', { count })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submission.isPending}>
              {submission.isPending ? t('apiTokens.creating') : t('apiTokens.create')}
            </button>
          </div>
        </form>
      )}
      <section className="section" aria-labelledby="tokens-list-heading">
        <h2 id="tokens-list-heading">{t('apiTokens.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' && <ErrorMessage error={state.error} />}
        {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('apiTokens.none')}</p>}
        {state.status === 'ready' && state.items.length > 0 && (
          <DataTable
            label={t('apiTokens.listTitle')}
            labelledBy="tokens-list-heading"
            columns={columns}
            rows={state.items}
            rowKey={(token) => token.id}
            actions={(token) => (
              <button type="button" className="button button--small button--danger-quiet" onClick={() => setRevoking(token)}>
                {t('apiTokens.revoke')}
                <span className="visually-hidden"> {token.name}</span>
              </button>
            )}
          />
        )}
        {state.status === 'ready' && state.nextCursor && (
          <button type="button" className="button" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
            {t('common.loadMore')}
          </button>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={t('apiTokens.revokeTitle', { name: revoking.name })}
          body={t('apiTokens.revokeBody')}
          confirmLabel={t('apiTokens.revokeConfirm')}
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
    </>
  );
}
