import { describe, expect, it } from 'vitest';
import { startingNotes } from './notes-draft';

describe('startingNotes', () => {
  const saved = { notes: 'Számla', notesVersion: 3 };

  it('takes the saved notes without a draft, or when the draft was saved', () => {
    expect(startingNotes(saved, undefined)).toEqual({ kind: 'saved', text: 'Számla' });
    expect(startingNotes(saved, { text: 'Számla', baseVersion: 2 })).toEqual({ kind: 'saved', text: 'Számla' });
  });

  it('takes a draft typed over the saved version', () => {
    expect(startingNotes(saved, { text: 'Számla, május', baseVersion: 3 })).toEqual({ kind: 'draft', text: 'Számla, május' });
  });

  it('reports a draft typed over an older version as a clash', () => {
    expect(startingNotes(saved, { text: 'Szá', baseVersion: 1 })).toEqual({
      kind: 'conflict',
      text: 'Szá',
      savedText: 'Számla',
    });
  });
});
