import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreateApiTokenInput, CreatedApiToken, GrantableRole } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TableRegion } from '../../components/TableRegion';
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
              {(control) => (
                <select
                  {...control}
                  className="select"
                  value={role}
                  onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'agent')}
                >
                  <option value="agent">{t('roles.agent')}</option>
                  <option value="admin">{t('roles.admin')}</option>
                </select>
              )}
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
          <TableRegion label={t('apiTokens.listTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('apiTokens.name')}</th>
                  <th scope="col">{t('apiTokens.prefix')}</th>
                  <th scope="col">{t('apiTokens.role')}</th>
                  <th scope="col">{t('apiTokens.created')}</th>
                  <th scope="col">{t('apiTokens.lastUsed')}</th>
                  <th scope="col">{t('apiTokens.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((token) => (
                  <tr key={token.id}>
                    <th scope="row" className="table__primary">
                      {token.name}
                    </th>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{t(`roles.${token.role}`)}</td>
                    <td>
                      <time dateTime={token.createdAt}>{formatDate(token.createdAt, locale)}</time>
                    </td>
                    <td>
                      {token.lastUsedAt ? (
                        <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt, locale)}</time>
                      ) : (
                        <span className="muted">{t('common.never')}</span>
                      )}
                    </td>
                    <td>
                      {token.expiresAt ? (
                        <time dateTime={token.expiresAt}>{formatDate(token.expiresAt, locale)}</time>
                      ) : (
                        <span className="muted">{t('common.never')}</span>
                      )}
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small button--danger-quiet"
                        onClick={() => setRevoking(token)}
                      >
                        {t('apiTokens.revoke')}
                        <span className="visually-hidden"> {token.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
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
