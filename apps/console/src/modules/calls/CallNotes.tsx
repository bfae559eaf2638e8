import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { currentLocale } from '../../platform/i18n';
import { formatClockTime } from './call-format';
import { useNotesAutosave, type SaveState } from './useNotesAutosave';

/** The save state in words: "Saved 10:42:05", "Saving…", "Not saved yet". */
function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  switch (state.status) {
    case 'saved':
      return <>{state.savedAt ? t('calls.notes.savedAt', { time: formatClockTime(state.savedAt, locale) }) : ''}</>;
    case 'saving':
      return <>{t('calls.notes.saving')}</>;
    case 'unsaved':
      return <>{t('calls.notes.unsaved')}</>;
    case 'failed':
      return <>{t('calls.notes.failed')}</>;
    case 'conflict':
      return <>{t('calls.notes.conflict')}</>;
  }
}

/**
 * The large notes pane of a running call: what the customer says, typed as
 * they say it, saved every couple of seconds and kept in the browser until
 * saved. When the notes were changed elsewhere meanwhile, both texts are
 * shown and the agent chooses.
 */
export function CallNotes({ call, onSaved }: { call: Call; onSaved: (call: Call) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { text, state, change, resolve } = useNotesAutosave(call, onSaved);
  return (
    <section className="panel call-notes" aria-labelledby={`${id}-heading`}>
      <div className="call-notes__top">
        <h2 id={`${id}-heading`}>
          <label htmlFor={`${id}-notes`}>{t('calls.notes.title')}</label>
        </h2>
        <p className={`call-notes__status call-notes__status--${state.status}`} role="status" aria-live="polite">
          <SaveStatus state={state} />
        </p>
      </div>
      <textarea
        id={`${id}-notes`}
        className="textarea call-notes__text"
        value={text}
        rows={14}
        placeholder={t('calls.notes.placeholder')}
        aria-describedby={`${id}-hint`}
        onChange={(event) => change(event.target.value)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {t('calls.notes.hint')}
      </p>
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'conflict' && (
        <div className="alert alert--info call-notes__conflict" role="alert">
          <p>{t('calls.notes.conflictBody')}</p>
          <p className="call-notes__saved-text">{state.saved.notes || t('calls.notes.empty')}</p>
          <div className="call-notes__actions">
            <button type="button" className="button button--small button--primary" onClick={() => resolve('mine')}>
              {t('calls.notes.keepMine')}
            </button>
            <button type="button" className="button button--small" onClick={() => resolve('saved')}>
              {t('calls.notes.takeSaved')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
