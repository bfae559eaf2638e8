import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvite, CreateInviteInput, GrantableRole, Invite } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { GrantableRoleSelect } from '../../components/selects';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { SecretReveal } from '../../components/SecretReveal';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { usePagedList } from '../../components/usePagedList';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDateTime, formatRelativeTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';

/** How long an invite link works, in days (the server takes hours, up to 30 days). */
const validityDays = [1, 3, 7, 14, 30];

/** The status to show: a pending invite past its expiry is expired, even before the server says so. */
function shownStatus(invite: Invite, now: Date): Invite['status'] {
  return invite.status === 'pending' && Date.parse(invite.expiresAt) <= now.getTime() ? 'expired' : invite.status;
}

/** Invitations: create a one-time link for a new agent or admin, see and revoke open ones. */
export function InvitesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const { state, loadMore, replaceItems } = usePagedList<Invite>('/invites?limit=100');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<GrantableRole>('agent');
  const [days, setDays] = useState(7);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const [status, setStatus] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const clientError = clientValidationError(email.trim() ? [] : ['email']);
    if (clientError) return submission.setError(clientError);
    const input: CreateInviteInput = { email: email.trim(), role, expiresInHours: days * 24 };
    void submission.run(async () => {
      const result = await api.post<CreatedInvite>('/invites', input);
      setCreated(result);
      setEmail('');
      replaceItems((items) => [result.invite, ...items]);
    });
  }

  async function revoke(invite: Invite) {
    await api.delete(`/invites/${invite.id}`);
    replaceItems((items) => items.map((item) => (item.id === invite.id ? { ...item, status: 'revoked' } : item)));
    setStatus(t('invites.revoked', { email: invite.email }));
  }

  const columns: DataTableColumn<Invite>[] = [
    { id: 'email', header: t('invites.email'), cell: (invite) => invite.email },
    { id: 'role', header: t('invites.role'), cell: (invite) => t(`roles.${invite.role}`) },
    {
      id: 'status',
      header: t('invites.status'),
      cell: (invite) => {
        const status = shownStatus(invite, now);
        return <span className={`badge badge--${status}`}>{t(`invites.statuses.${status}`)}</span>;
      },
    },
    {
      id: 'expires',
      header: t('invites.expires'),
      cell: (invite) => (
        <time dateTime={invite.expiresAt} title={formatDateTime(invite.expiresAt, locale)}>
          {formatRelativeTime(invite.expiresAt, locale, now.getTime())}
        </time>
      ),
    },
    {
      id: 'invitedBy',
      header: t('invites.invitedBy'),
      cell: (invite) => invite.invitedByName ?? <span className="muted">{t('common.unknownPerson')}</span>,
    },
  ];

  return (
    <>
      <PageHeading title={t('invites.title')}>
        <p>{t('invites.intro')}</p>
      </PageHeading>
      {created ? (
        <SecretReveal
          label={t('invites.linkTitle')}
          value={created.url}
          warning={t('invites.linkWarning', { email: created.invite.email })}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form className="form panel" onSubmit={submit} noValidate aria-labelledby="invite-form-heading">
          <h2 id="invite-form-heading">{t('invites.formTitle')}</h2>
          <ErrorMessage error={submission.error} />
          <div className="form__row">
            <Field label={t('invites.email')} isInvalid={invalid.includes('email')}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="email"
                  autoComplete="off"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('invites.role')} isInvalid={invalid.includes('role')}>
              {(control) => <GrantableRoleSelect {...control} value={role} onChange={setRole} />}
            </Field>
            <Field label={t('invites.validity')} isInvalid={invalid.includes('expiresInHours')}>
              {(control) => (
                <select {...control} className="select" value={days} onChange={(event) => setDays(Number(event.target.value))}>
                  {validityDays.map((count) => (
                    <option key={count} value={count}>
                      {t('invites.days', { count })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p className="field__hint">{t('invites.roleHint')}</p>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submission.isPending}>
              {submission.isPending ? t('invites.creating') : t('invites.create')}
            </button>
          </div>
        </form>
      )}
      <section className="section" aria-labelledby="invites-list-heading">
        <h2 id="invites-list-heading">{t('invites.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' && <ErrorMessage error={state.error} />}
        {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('invites.none')}</p>}
        {state.status === 'ready' && state.items.length > 0 && (
          <DataTable
            label={t('invites.listTitle')}
            labelledBy="invites-list-heading"
            columns={columns}
            rows={state.items}
            rowKey={(invite) => invite.id}
            actions={(invite) =>
              shownStatus(invite, now) === 'pending' && (
                <button type="button" className="button button--small button--danger-quiet" onClick={() => setRevoking(invite)}>
                  {t('invites.revoke')}
                  <span className="visually-hidden"> {invite.email}</span>
                </button>
              )
            }
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
          title={t('invites.revokeTitle')}
          body={t('invites.revokeBody', { email: revoking.email })}
          confirmLabel={t('invites.revokeConfirm')}
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
    </>
  );
}
