import { useCallback, useEffect, useRef, useState } from 'react';
import type { Call, CallNotesConflict } from '@rapport/contracts';
import { useMe } from '../../app/session';
import { notesConflictOf, saveNotesOnLeaving, updateCall } from './calls-api';
import { clearDraft, readDraft, startingNotes, writeDraft } from './notes-draft';

/** How long typing runs before it is saved (while typing goes on, a save every this often). */
export const autosaveDelayMs = 2000;
/** After a failed save (offline), the next try. */
const retryDelayMs = 5000;

export type SaveState =
  | { status: 'saved'; savedAt: string | null }
  | { status: 'unsaved' }
  | { status: 'saving' }
  | { status: 'failed'; error: unknown }
  | { status: 'conflict'; saved: CallNotesConflict };

/**
 * A call's notes as the agent types: kept in localStorage at every change,
 * saved every couple of seconds over the version they were typed on, flushed
 * with a keepalive request when the page goes away. A save refused because
 * the notes changed elsewhere stops autosaving until the agent chooses.
 */
export function useNotesAutosave(call: Call, onSaved: (call: Call) => void) {
  const { csrfToken } = useMe();
  const initial = useRef(startingNotes(call, readDraft(call.id)));
  const [text, setText] = useState(initial.current.text);
  const [state, setState] = useState<SaveState>(() =>
    initial.current.kind === 'conflict'
      ? {
          status: 'conflict',
          saved: { notes: initial.current.savedText, notesVersion: call.notesVersion, notesSavedAt: call.notesSavedAt },
        }
      : initial.current.kind === 'draft'
        ? { status: 'unsaved' }
        : { status: 'saved', savedAt: call.notesSavedAt },
  );
  const textRef = useRef(text);
  const versionRef = useRef(call.notesVersion);
  const savedTextRef = useRef(call.notes);
  const isSavingRef = useRef(false);
  const isConflictRef = useRef(state.status === 'conflict');
  const timer = useRef<number | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const callId = call.id;

  const save = useCallback(async () => {
    timer.current = undefined;
    if (isSavingRef.current || isConflictRef.current) return;
    const sending = textRef.current;
    if (sending === savedTextRef.current) return;
    isSavingRef.current = true;
    setState({ status: 'saving' });
    try {
      const saved = await updateCall(callId, { notes: sending, notesVersion: versionRef.current });
      versionRef.current = saved.notesVersion;
      savedTextRef.current = saved.notes;
      onSavedRef.current(saved);
      if (textRef.current === saved.notes) {
        clearDraft(callId);
        setState({ status: 'saved', savedAt: saved.notesSavedAt });
      } else {
        writeDraft(callId, { text: textRef.current, baseVersion: saved.notesVersion });
        setState({ status: 'unsaved' });
        schedule(autosaveDelayMs);
      }
    } catch (error) {
      const conflict = notesConflictOf(error);
      if (conflict) {
        isConflictRef.current = true;
        setState({ status: 'conflict', saved: conflict });
      } else {
        setState({ status: 'failed', error });
        schedule(retryDelayMs);
      }
    } finally {
      isSavingRef.current = false;
    }
  }, [callId]);

  function schedule(delay: number) {
    if (timer.current === undefined) timer.current = window.setTimeout(() => void save(), delay);
  }

  const change = useCallback(
    (next: string) => {
      textRef.current = next;
      setText(next);
      writeDraft(callId, { text: next, baseVersion: versionRef.current });
      if (isConflictRef.current) return;
      setState((current) => (current.status === 'saving' ? current : { status: 'unsaved' }));
      schedule(autosaveDelayMs);
    },
    [callId],
  );

  /** Resolves a conflict: keep what was typed here (saved over the other text) or take the saved text. */
  const resolve = useCallback(
    (choice: 'mine' | 'saved') => {
      if (state.status !== 'conflict') return;
      isConflictRef.current = false;
      versionRef.current = state.saved.notesVersion;
      savedTextRef.current = state.saved.notes;
      if (choice === 'saved') {
        textRef.current = state.saved.notes;
        setText(state.saved.notes);
        clearDraft(callId);
        setState({ status: 'saved', savedAt: state.saved.notesSavedAt });
      } else {
        writeDraft(callId, { text: textRef.current, baseVersion: state.saved.notesVersion });
        void save();
      }
    },
    [callId, save, state],
  );

  // A draft found on opening is saved at once.
  useEffect(() => {
    if (initial.current.kind === 'draft') void save();
  }, [save]);

  // Leaving the page (tab closed, switched away on a phone): send what is unsaved with keepalive.
  useEffect(() => {
    function flush() {
      if (isConflictRef.current || textRef.current === savedTextRef.current) return;
      saveNotesOnLeaving(callId, textRef.current, versionRef.current, csrfToken);
    }
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearTimeout(timer.current);
      timer.current = undefined;
      // Leaving the call page inside the console: save what is left the usual way.
      if (!isConflictRef.current && textRef.current !== savedTextRef.current)
        void updateCall(callId, { notes: textRef.current, notesVersion: versionRef.current }).then(
          () => clearDraft(callId),
          () => undefined,
        );
    };
  }, [callId, csrfToken]);

  return { text, state, change, resolve, saveNow: save };
}
