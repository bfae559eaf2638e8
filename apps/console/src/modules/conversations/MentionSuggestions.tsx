import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@rapport/contracts';
import { insertMention, matchMentionables, mentionQueryAt } from './mentions';

interface MentionOptions {
  isEnabled: boolean;
  members: Member[];
  text: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onInsert: (text: string) => void;
}

/**
 * "@" suggestions for a textarea: typing "@" and the start of a name lists
 * matching colleagues; ↑/↓ choose, Enter or Tab insert "@Full Name", Escape
 * closes. The textarea points at the list and its active option
 * (aria-controls, aria-activedescendant), so screen readers follow.
 */
export function useMentionSuggestions({ isEnabled, members, text, textareaRef, onInsert }: MentionOptions) {
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const matches = isEnabled && query !== null ? matchMentionables(members, query) : [];
  const isOpen = matches.length > 0;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  function onTextChange(textarea: HTMLTextAreaElement) {
    const found = isEnabled ? mentionQueryAt(textarea.value, textarea.selectionStart) : null;
    setQuery(found ? found.query : null);
    setActive(0);
  }

  function close() {
    setQuery(null);
  }

  function choose(member: Member) {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const next = insertMention(text, textarea.selectionStart, member.name);
    onInsert(next.text);
    setQuery(null);
    // After React wrote the new text: the caret goes after the name.
    window.setTimeout(() => {
      textarea.focus();
      textarea.setSelectionRange(next.caret, next.caret);
    }, 0);
  }

  /** Handles the list's keys; true when the key was the list's. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!isOpen) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
      const member = matches[activeIndex];
      if (!member) return false;
      event.preventDefault();
      choose(member);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return true;
    }
    return false;
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return {
    onTextChange,
    onKeyDown,
    close,
    textareaProps: isEnabled
      ? {
          'aria-autocomplete': 'list' as const,
          ...(isOpen ? { 'aria-controls': listId, 'aria-activedescendant': optionId(activeIndex) } : {}),
        }
      : {},
    listProps: { id: listId, isOpen, matches, activeIndex, optionId, onChoose: choose },
  };
}

interface MentionSuggestionsProps {
  id: string;
  isOpen: boolean;
  matches: Member[];
  activeIndex: number;
  optionId: (index: number) => string;
  onChoose: (member: Member) => void;
}

/** The list of colleagues to mention, under the note's textarea. */
export function MentionSuggestions({ id, isOpen, matches, activeIndex, optionId, onChoose }: MentionSuggestionsProps) {
  const { t } = useTranslation();
  if (!isOpen) return null;
  return (
    <ul className="mention-list" role="listbox" id={id} aria-label={t('conversations.composer.mentionList')}>
      {matches.map((member, index) => (
        <li
          key={member.userId}
          id={optionId(index)}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'mention-list__option mention-list__option--active' : 'mention-list__option'}
          // Chosen on mouse down, before the textarea loses focus and closes the list.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(member);
          }}
        >
          <span className="mention-list__name">{member.name}</span> <span className="muted small">{member.email}</span>
        </li>
      ))}
    </ul>
  );
}
