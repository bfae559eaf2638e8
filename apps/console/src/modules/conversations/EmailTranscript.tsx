import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { ApiError } from '../../platform/api-client';
import { invalidFields } from '../../platform/error-messages';
import { emailTranscript } from './chat-api';

/**
 * "Email transcript" on a chat conversation: the chat so far (never notes) by email, to the customer's address or
 * to the one typed here; the form opens at the button, and asks for an address when the customer has none.
 */
export function EmailTranscript({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submission = useSubmission();
  const isEmailMissing = submission.error instanceof ApiError && submission.error.code === 'email_required';
  const isEmailInvalid = invalidFields(submission.error).includes('email');

  function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    void submission.run(async () => {
      const queued = await emailTranscript(conversationId, email.trim() ? { email: email.trim() } : {});
      setSentTo(queued.email);
      setOpen(false);
      setEmail('');
    });
  }

  return (
    <div className="email-transcript">
      {sentTo && <StatusMessage>{t('chat.transcript.queued', { email: sentTo })}</StatusMessage>}
      {!isOpen ? (
        <button
          type="button"
          className="button button--small"
          aria-expanded={false}
          onClick={() => {
            setOpen(true);
            setSentTo(null);
            submission.reset();
          }}
        >
          {t('chat.transcript.button')}
        </button>
      ) : (
        <form className="form email-transcript__form" onSubmit={submit} noValidate aria-label={t('chat.transcript.button')}>
          {!isEmailMissing && !isEmailInvalid && <ErrorMessage error={submission.error} />}
          <Field
            label={t('chat.transcript.email')}
            hint={t('chat.transcript.emailHint')}
            isOptional={!isEmailMissing}
            isInvalid={isEmailMissing || isEmailInvalid}
            errorMessage={isEmailMissing ? t('errors.email_required') : t('errors.invalid_email')}
          >
            {(control) => (
              <input
                {...control}
                type="email"
                className="input"
                autoComplete="off"
                maxLength={254}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary button--small" disabled={submission.isPending}>
              {submission.isPending ? t('chat.transcript.sending') : t('chat.transcript.send')}
            </button>
            <button type="button" className="button button--small" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
