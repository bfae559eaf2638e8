import { useEffect, useRef } from 'react';

/** The conversation page's single-key shortcuts, in the order the help lists them. */
export const shortcuts = [
  { key: 'r', action: 'reply' },
  { key: 'n', action: 'note' },
  { key: 'e', action: 'resolve' },
  { key: 'a', action: 'assignToMe' },
  { key: 's', action: 'snooze' },
  { key: 'u', action: 'backToInbox' },
  { key: '?', action: 'help' },
] as const;

export type ShortcutAction = (typeof shortcuts)[number]['action'];

/** What of a keydown event decides whether it is a shortcut (a plain object in tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const textInputTypes = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'time',
  'month',
  'week',
]);

/** Whether keys pressed here are someone typing (or choosing), not commands. */
export function isTypingTarget(target: KeyPress['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && textInputTypes.has((target.type ?? 'text').toLowerCase());
}

/**
 * The shortcut a key press means, or null: never while typing in a field,
 * with Ctrl, ⌘ or Alt held (the browser's and the system's own), or while
 * an input method composes a character.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.isComposing || isTypingTarget(press.target)) return null;
  return shortcuts.find((shortcut) => shortcut.key === press.key.toLowerCase() || shortcut.key === press.key)?.action ?? null;
}

/**
 * Listens for the shortcuts on the whole page while mounted. Ignored while a
 * modal dialog is open (its own keys belong to it).
 */
export function useShortcuts(onShortcut: (action: ShortcutAction) => void): void {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = shortcutFor({ ...pick(event), target });
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function pick(event: KeyboardEvent) {
  return { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, isComposing: event.isComposing };
}
