import { describe, expect, it } from 'vitest';
import { insertMention, matchMentionables, mentionedIn, mentionQueryAt } from './mentions';

const people = [
  { userId: 'u1', name: 'Dóra Kovács' },
  { userId: 'u2', name: 'Özge Yılmaz' },
  { userId: 'u3', name: 'Dora Kovács-Nagy' },
];

describe('mentions', () => {
  it('finds the "@…" being typed before the caret', () => {
    expect(mentionQueryAt('Ask @do', 7)).toEqual({ start: 4, query: 'do' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail me at dora@example.com', 27)).toBeNull();
    expect(mentionQueryAt('Ask @do and', 11)).toBeNull();
  });

  it('suggests colleagues by any word of their name, accents ignored', () => {
    expect(matchMentionables(people, 'dora').map((p) => p.userId)).toEqual(['u1', 'u3']);
    expect(matchMentionables(people, 'ozge').map((p) => p.userId)).toEqual(['u2']);
    expect(matchMentionables(people, 'yil').map((p) => p.userId)).toEqual(['u2']);
    expect(matchMentionables(people, '')).toHaveLength(3);
    expect(matchMentionables(people, 'zz')).toEqual([]);
  });

  it('replaces the typed query by the full name and moves the caret after it', () => {
    expect(insertMention('Ask @do about it', 7, 'Dóra Kovács')).toEqual({ text: 'Ask @Dóra Kovács  about it', caret: 17 });
    expect(insertMention('Hi ', 3, 'Özge Yılmaz')).toEqual({ text: 'Hi @Özge Yılmaz ', caret: 16 });
  });

  it('reads who a note mentions, whole names only', () => {
    expect(mentionedIn('@Dóra Kovács please check, cc @özge yılmaz.', people).map((p) => p.userId)).toEqual(['u1', 'u2']);
    // "@Dora Kovács-Nagy" is the third person, not the first one (accents ignored, so the names would otherwise collide).
    expect(mentionedIn('@Dora Kovács-Nagy', people).map((p) => p.userId)).toEqual(['u3']);
    expect(mentionedIn('write to dora@Dóra Kovácsné', people)).toEqual([]);
  });
});
