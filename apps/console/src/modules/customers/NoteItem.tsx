import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { NoteBody } from './NoteBody';
import { ProblemField } from './ProblemField';
import { RelativeTime } from './RelativeTime';
import { fieldProblems } from './customer-errors';

interface Revision {
  body: string;
  editedBy: string | null;
  editedAt: string;
}

type History =
  { status: 'closed' } | { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'open'; items: Revision[] };

interface NoteItemProps {
  customerId: string;
  note: Note;
  /** The time now, shared by the list, for "3 hours ago". */
  now: Date;
  onSaved: (note: Note) => void;
  onDelete: () => void;
}

/**
 * One note: its markdown formatted (NoteBody: safely, never as raw HTML),
 * who wrote it and when, edit in place, earlier versions on demand, delete.
 */
export function NoteItem({ customerId, note, now, onSaved, onDelete }: NoteItemProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [history, setHistory] = useState<History>({ status: 'closed' });
  const editButton = useRef<HTMLButtonElement>(null);
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);
  const author = note.authorName ?? t('common.unknownPerson');
  const path = `/customers/${customerId}/notes/${note.id}`;

  /** Leaves the editor, and puts focus back on the button that opened it. */
  function closeEditor() {
    setDraft(null);
    submission.reset();
    window.setTimeout(() => editButton.current?.focus(), 0);
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    if (draft.trim() === note.body) return closeEditor();
    void submission.run(async () => {
      const saved = await api.patch<Note>(path, { body: draft.trim() });
      closeEditor();
      // The list of earlier texts just grew: fetch it again when it is next opened.
      setHistory({ status: 'closed' });
      onSaved(saved);
    });
  }

  async function toggleHistory() {
    if (history.status === 'open' || history.status === 'failed') return setHistory({ status: 'closed' });
    setHistory({ status: 'loading' });
    try {
      const page = await api.get<{ items: Revision[] }>(`${path}/revisions`);
      setHistory({ status: 'open', items: page.items });
    } catch (error) {
      setHistory({ status: 'failed', error });
    }
  }

  return (
    <li className="note">
      <p className="note__meta">
        <span className="note__author">{author}</span>
        <span aria-hidden="true"> · </span>
        <RelativeTime iso={note.createdAt} now={now} />
        {note.revisions > 0 && <span className="badge badge--muted">{t('customers.notes.edited')}</span>}
      </p>
      {draft === null ? (
        <NoteBody markdown={note.body} />
      ) : (
        <form className="note__edit" onSubmit={save} noValidate aria-label={t('customers.notes.editLabel', { name: author })}>
          <ErrorMessage error={problems.size > 0 ? null : submission.error} />
          <ProblemField label={t('customers.notes.editField')} problem={problems.get('body')}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={Math.min(12, Math.max(3, draft.split('\n').length + 1))}
                maxLength={20_000}
                value={draft}
                // Focus goes to the text the person chose to edit.
                autoFocus
                onChange={(event) => setDraft(event.target.value)}
              />
            )}
          </ProblemField>
          <div className="note__actions">
            <button
              type="submit"
              className="button button--primary button--small"
              disabled={submission.isPending || !draft.trim()}
            >
              {submission.isPending ? t('common.saving') : t('customers.notes.save')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={closeEditor}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {draft === null && (
        <div className="note__actions">
          <button
            type="button"
            ref={editButton}
            className="button button--quiet button--small"
            onClick={() => setDraft(note.body)}
          >
            {t('customers.notes.edit')}
            <span className="visually-hidden"> {t('customers.notes.byAuthor', { name: author })}</span>
          </button>
          {note.revisions > 0 && (
            <button
              type="button"
              className="button button--quiet button--small"
              aria-expanded={history.status === 'open'}
              onClick={() => void toggleHistory()}
            >
              {history.status === 'open'
                ? t('customers.notes.hideHistory')
                : t('customers.notes.showHistory', { count: note.revisions })}
            </button>
          )}
          <button type="button" className="button button--danger-quiet button--small" onClick={onDelete}>
            {t('customers.notes.delete')}
            <span className="visually-hidden"> {t('customers.notes.byAuthor', { name: author })}</span>
          </button>
        </div>
      )}
      {history.status === 'loading' && <p className="muted small">{t('app.loading')}</p>}
      {history.status === 'failed' && <ErrorMessage error={history.error} />}
      {history.status === 'open' && (
        <div className="note__history">
          <h3 className="note__history-title">{t('customers.notes.historyTitle')}</h3>
          <ol>
            {history.items.map((revision) => (
              <li key={revision.editedAt}>
                <p className="note__meta">
                  {t('customers.notes.textUntil', { date: formatDateTime(revision.editedAt, currentLocale()) })}
                </p>
                <NoteBody markdown={revision.body} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </li>
  );
}
