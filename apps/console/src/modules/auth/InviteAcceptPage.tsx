import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AcceptInviteInput, InvitePreview, Me } from '@rapport/contracts';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useSubmission } from '../../components/useSubmission';
import { api, ApiError } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDateTime, formatRelativeTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { tokenFromHash } from '../../platform/links';
import { minimumPasswordLength, passwordProblem } from './passwords';

/**
 * A new account starts with the language the person read the invitation in
 * and the time zone of their browser (the invitation cannot carry them). A
 * failure here leaves the server's defaults, which the profile can change.
 */
type PreviewState = { status: 'loading' } | { status: 'ready'; preview: InvitePreview } | { status: 'failed'; error: unknown };

/** Joins a workspace from an invite link: a new account, or an existing one's password. */
export function InviteAcceptPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const locale = currentLocale();

  useEffect(() => {
    if (!token) {
      setPreview({ status: 'failed', error: new ApiError(404, 'invite_invalid', 'no token in the link') });
      return;
    }
    let isCurrent = true;
    api
      .get<InvitePreview>(`/invites/preview?token=${encodeURIComponent(token)}`)
      .then((result) => isCurrent && setPreview({ status: 'ready', preview: result }))
      .catch((error: unknown) => isCurrent && setPreview({ status: 'failed', error }));
    return () => {
      isCurrent = false;
    };
  }, [token]);

  if (preview.status === 'loading') return <Loading />;
  if (preview.status === 'failed') {
    return (
      <>
        <PageHeading title={t('invite.unusableTitle')} />
        <ErrorMessage error={preview.error} />
        <p>{t('invite.unusableBody')}</p>
        <Link to="/sign-in">{t('invite.goToSignIn')}</Link>
      </>
    );
  }

  const { workspaceName, email, role, expiresAt, hasAccount } = preview.preview;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    const problems = hasAccount ? [!password && 'password'] : [!name.trim() && 'name', passwordProblem(password) && 'password'];
    const clientError = clientValidationError(problems.filter((field): field is string => !!field));
    if (clientError) return submission.setError(clientError);
    // A new account starts in the language and time zone this browser uses.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const input: AcceptInviteInput = hasAccount
      ? { token, password }
      : { token, name: name.trim(), password, locale: currentLocale(), ...(timeZone ? { timeZone } : {}) };
    void submission.run(async () => {
      signedIn(await api.post<Me>('/invites/accept', input));
      void navigate('/inbox', { replace: true });
    });
  }

  return (
    <>
      <PageHeading title={t('invite.title', { workspace: workspaceName })}>
        <p>{hasAccount ? t('invite.introExisting') : t('invite.introNew')}</p>
      </PageHeading>
      <dl className="summary">
        <div>
          <dt>{t('invite.workspace')}</dt>
          <dd>{workspaceName}</dd>
        </div>
        <div>
          <dt>{t('invite.email')}</dt>
          <dd>{email}</dd>
        </div>
        <div>
          <dt>{t('invite.role')}</dt>
          <dd>{t(`roles.${role}`)}</dd>
        </div>
        <div>
          <dt>{t('invite.expires')}</dt>
          <dd>
            <time dateTime={expiresAt} title={formatDateTime(expiresAt, locale)}>
              {formatRelativeTime(expiresAt, locale)}
            </time>
          </dd>
        </div>
      </dl>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorMessage error={submission.error} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        {!hasAccount && (
          <Field label={t('invite.name')} isInvalid={invalid.includes('name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="name"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field
          label={hasAccount ? t('invite.existingPassword') : t('invite.newPassword')}
          hint={hasAccount ? undefined : t('password.rule', { count: minimumPasswordLength })}
          isInvalid={invalid.includes('password')}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete={hasAccount ? 'current-password' : 'new-password'}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={submission.isPending}>
          {submission.isPending ? t('invite.submitting') : hasAccount ? t('invite.submitExisting') : t('invite.submitNew')}
        </button>
      </form>
    </>
  );
}
