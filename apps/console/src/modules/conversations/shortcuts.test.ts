import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, type KeyPress } from './shortcuts';

const press = (key: string, target: KeyPress['target'] = { tagName: 'BODY' }, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...extra,
});

describe('shortcuts', () => {
  it('maps single keys to actions, upper case too', () => {
    expect(shortcutFor(press('r'))).toBe('reply');
    expect(shortcutFor(press('N'))).toBe('note');
    expect(shortcutFor(press('e'))).toBe('resolve');
    expect(shortcutFor(press('a'))).toBe('assignToMe');
    expect(shortcutFor(press('?'))).toBe('help');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('stays out of the way of typing and of the browser’s own keys', () => {
    expect(shortcutFor(press('r', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(press('r', { tagName: 'INPUT', type: 'text' }))).toBeNull();
    expect(shortcutFor(press('e', { tagName: 'SELECT' }))).toBeNull();
    expect(shortcutFor(press('a', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
    expect(shortcutFor(press('r', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { tagName: 'BODY' }, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('e', { tagName: 'BODY' }, { isComposing: true }))).toBeNull();
  });

  it('still works from buttons, links and checkboxes', () => {
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'A' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(shortcutFor(press('r', { tagName: 'BUTTON' }))).toBe('reply');
  });
});
