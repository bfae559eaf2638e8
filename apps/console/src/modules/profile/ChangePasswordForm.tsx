import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { minimumPasswordLength, passwordProblem } from '../auth/passwords';

/** Changes the signed-in person's password; the current one is asked for again. */
export function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = [
      !currentPassword && 'currentPassword',
      passwordProblem(newPassword) && 'newPassword',
      repeated !== newPassword && 'repeatedPassword',
    ].filter((field): field is string => !!field);
    const clientError = clientValidationError(problems);
    if (clientError) return submission.setError(clientError);
    void submission.run(async () => {
      await api.post<void>('/me/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setRepeated('');
    });
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="password-heading">
      <h2 id="password-heading">{t('password.title')}</h2>
      <ErrorMessage error={submission.error} />
      {/* Lets password managers know which account this is. */}
      <input type="email" name="username" autoComplete="username" hidden readOnly value={email} />
      <Field label={t('password.current')} isInvalid={invalid.includes('currentPassword')}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('password.new')}
        hint={t('password.rule', { count: minimumPasswordLength })}
        isInvalid={invalid.includes('newPassword')}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('password.repeat')} isInvalid={invalid.includes('repeatedPassword')}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="new-password"
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submission.isPending}>
          {submission.isPending ? t('common.saving') : t('password.submit')}
        </button>
        {submission.hasSucceeded && <StatusMessage>{t('password.changed')}</StatusMessage>}
      </div>
    </form>
  );
}
