import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useSubmission } from '../../components/useSubmission';

interface SummaryEditorProps {
  summary: string;
  onSave: (summary: string) => Promise<void>;
}

/**
 * The problem restated in the agent's words, at the top of the conversation
 * where every colleague reads it first; edited in place.
 */
export function SummaryEditor({ summary, onSave }: SummaryEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const submission = useSubmission();
  const editButton = useRef<HTMLButtonElement>(null);

  function close() {
    setDraft(null);
    submission.reset();
    window.setTimeout(() => editButton.current?.focus(), 0);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    void submission.run(async () => {
      await onSave(draft.trim());
      close();
    });
  }

  return (
    <section className="panel problem-summary" aria-labelledby="problem-summary-heading">
      <h2 id="problem-summary-heading">{t('conversations.summary.title')}</h2>
      {draft === null ? (
        <>
          {summary ? (
            <p className="problem-summary__text">{summary}</p>
          ) : (
            <p className="muted">{t('conversations.summary.empty')}</p>
          )}
          <button type="button" ref={editButton} className="button button--small" onClick={() => setDraft(summary)}>
            {summary ? t('conversations.summary.edit') : t('conversations.summary.write')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={submission.error} />
          <Field label={t('conversations.summary.label')} hint={t('conversations.summary.hint')}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={3}
                maxLength={2000}
                value={draft}
                autoFocus
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') close();
                }}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submission.isPending}>
              {submission.isPending ? t('common.saving') : t('conversations.summary.save')}
            </button>
            <button type="button" className="button" onClick={close} disabled={submission.isPending}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
