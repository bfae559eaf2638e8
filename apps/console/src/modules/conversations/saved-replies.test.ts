import { describe, expect, it } from 'vitest';
import type { SavedReply } from '@rapport/contracts';
import { insertAtCursor, matchSavedReplies } from './saved-replies';

const reply = (name: string): SavedReply => ({ id: name, name, variants: { en: name }, createdAt: '', updatedAt: '' });

describe('matchSavedReplies', () => {
  const replies = [reply('Refund on its way'), reply('İade yolda'), reply('Welcome')];
  it('finds by any part of the name, in any case', () => {
    expect(matchSavedReplies(replies, 'REFUND', 'en').map((r) => r.name)).toEqual(['Refund on its way']);
    expect(matchSavedReplies(replies, 'on', 'en').map((r) => r.name)).toEqual(['Refund on its way']);
  });
  it('lowers Turkish İ by the Turkish rules', () => {
    expect(matchSavedReplies(replies, 'iade', 'tr').map((r) => r.name)).toEqual(['İade yolda']);
  });
  it('lists every reply for an empty query', () => {
    expect(matchSavedReplies(replies, '  ', 'en')).toHaveLength(3);
  });
});

describe('insertAtCursor', () => {
  it('inserts into an empty text', () => {
    expect(insertAtCursor('', 0, 0, 'Hello Ádám')).toEqual({ text: 'Hello Ádám', caret: 10 });
  });
  it('replaces the selection and keeps words apart', () => {
    expect(insertAtCursor('Hi there, bye', 3, 8, 'X')).toEqual({ text: 'Hi X, bye', caret: 4 });
    expect(insertAtCursor('Thanks.Bye', 7, 7, 'See you')).toEqual({ text: 'Thanks. See you Bye', caret: 15 });
  });
  it('clamps positions beyond the text', () => {
    expect(insertAtCursor('ab', 10, 12, 'c')).toEqual({ text: 'ab c', caret: 4 });
  });
});
