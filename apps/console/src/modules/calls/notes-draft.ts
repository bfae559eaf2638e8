/**
 * A call's notes kept in this browser while they are not saved yet: closing
 * the tab, a crash or a lost connection loses nothing. Keyed by call id.
 */
export interface NotesDraft {
  text: string;
  /** The saved version the text was typed over. */
  baseVersion: number;
}

const prefix = 'rapport.callNotes.';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(callId: string): NotesDraft | undefined {
  const raw = storage()?.getItem(prefix + callId);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<NotesDraft>;
    return typeof value.text === 'string' && typeof value.baseVersion === 'number'
      ? { text: value.text, baseVersion: value.baseVersion }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(callId: string, draft: NotesDraft): void {
  try {
    storage()?.setItem(prefix + callId, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the autosave still runs.
  }
}

export function clearDraft(callId: string): void {
  storage()?.removeItem(prefix + callId);
}

/** What to start from on opening a call: the saved notes, a draft to save again, or a draft that clashes with them. */
export type NotesStart =
  { kind: 'saved'; text: string } | { kind: 'draft'; text: string } | { kind: 'conflict'; text: string; savedText: string };

/**
 * Decides between the saved notes and a local draft: a draft equal to the
 * saved text is done; one typed over the saved version is newer and is saved
 * again; one typed over an older version clashes with a save made elsewhere.
 */
export function startingNotes(saved: { notes: string; notesVersion: number }, draft: NotesDraft | undefined): NotesStart {
  if (!draft || draft.text === saved.notes) return { kind: 'saved', text: saved.notes };
  if (draft.baseVersion === saved.notesVersion) return { kind: 'draft', text: draft.text };
  return { kind: 'conflict', text: draft.text, savedText: saved.notes };
}
