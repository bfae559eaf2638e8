import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, SetupStatus } from '@rapport/contracts';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { safeReturnPath } from '../../platform/links';

interface SignInLocationState {
  from?: string;
  expired?: boolean;
}

/** Email and password sign-in. Never reveals whether an email has an account. */
export function SignInPage() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const locationState = (location.state ?? {}) as SignInLocationState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isSetupRequired, setSetupRequired] = useState(false);
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  useEffect(() => {
    let isCurrent = true;
    api
      .get<SetupStatus>('/setup')
      .then((status) => isCurrent && setSetupRequired(status.required))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);

  if (state.status === 'signed-in') return <Navigate to={safeReturnPath(locationState.from)} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing = clientValidationError([!email.trim() && 'email', !password && 'password'].filter((f): f is string => !!f));
    if (missing) return submission.setError(missing);
    void submission.run(async () => {
      const me = await api.post<Me>('/sessions', { email: email.trim(), password });
      signedIn(me);
      void navigate(safeReturnPath(locationState.from), { replace: true });
    });
  }

  return (
    <>
      <PageHeading title={t('signIn.title')}>
        <p>{t('signIn.intro')}</p>
      </PageHeading>
      {isSetupRequired && (
        <div className="alert alert--info">
          <p>{t('signIn.setupRequired')}</p>
        </div>
      )}
      {locationState.expired && !submission.error && (
        <div className="alert alert--info">
          <p>{t('signIn.sessionEnded')}</p>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <ErrorMessage error={submission.error} />
        <Field label={t('signIn.email')} isInvalid={invalid.includes('email')}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} isInvalid={invalid.includes('password')}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={submission.isPending}>
          {submission.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className="muted small form-footnote">{t('signIn.forgotPassword')}</p>
    </>
  );
}
