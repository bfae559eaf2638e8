import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientFieldError, fieldProblems } from './customer-errors';
import { NoteItem } from './NoteItem';
import { ProblemField } from './ProblemField';

interface NotesSectionProps {
  customerId: string;
  onChange: () => void;
}

type LoadState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; notes: Note[] };

/** Notes about the customer, newest first: add, edit (earlier texts kept), delete. */
export function NotesSection({ customerId, onChange }: NotesSectionProps) {
  const { t } = useTranslation();
  const now = useNow();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [body, setBody] = useState('');
  const [deleting, setDeleting] = useState<Note | null>(null);
  // What just happened, translated when shown (so it follows a change of language).
  const [status, setStatus] = useState<'added' | 'saved' | 'deleted' | null>(null);
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);

  const load = useCallback(async () => {
    try {
      const page = await api.get<{ items: Note[] }>(`/customers/${customerId}/notes`);
      setState({ status: 'ready', notes: page.items });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  function replaceNote(note: Note) {
    setState((current) =>
      current.status === 'ready'
        ? { ...current, notes: current.notes.map((item) => (item.id === note.id ? note : item)) }
        : current,
    );
    setStatus('saved');
    onChange();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (!body.trim()) return submission.setError(clientFieldError({ body: 'required' }));
    void submission.run(async () => {
      const note = await api.post<Note>(`/customers/${customerId}/notes`, { body: body.trim() });
      setState((current) => (current.status === 'ready' ? { ...current, notes: [note, ...current.notes] } : current));
      setBody('');
      setStatus('added');
      onChange();
    });
  }

  async function remove(note: Note) {
    await api.delete(`/customers/${customerId}/notes/${note.id}`);
    setState((current) =>
      current.status === 'ready' ? { ...current, notes: current.notes.filter((item) => item.id !== note.id) } : current,
    );
    setStatus('deleted');
    onChange();
  }

  return (
    <section className="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('customers.notes.title')}</h2>
      <form className="note-form" onSubmit={submit} noValidate>
        <ErrorMessage error={problems.size > 0 ? null : submission.error} />
        <ProblemField label={t('customers.notes.new')} hint={t('customers.notes.newHint')} problem={problems.get('body')}>
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={3}
              maxLength={20_000}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          )}
        </ProblemField>
        <button type="submit" className="button button--primary" disabled={submission.isPending}>
          {submission.isPending ? t('common.saving') : t('customers.notes.add')}
        </button>
      </form>
      {status && (
        <StatusMessage>
          {status === 'added'
            ? t('customers.notes.added')
            : status === 'saved'
              ? t('customers.notes.saved')
              : t('customers.notes.deleted')}
        </StatusMessage>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.notes.length === 0 && <p className="muted">{t('customers.notes.none')}</p>}
      {state.status === 'ready' && state.notes.length > 0 && (
        <ul className="note-list">
          {state.notes.map((note) => (
            <NoteItem
              key={note.id}
              customerId={customerId}
              note={note}
              now={now}
              onSaved={replaceNote}
              onDelete={() => setDeleting(note)}
            />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('customers.notes.deleteTitle')}
          body={t('customers.notes.deleteBody')}
          confirmLabel={t('customers.notes.deleteConfirm')}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
