import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RenderedSavedReply, SavedReply } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { currentLocale } from '../../platform/i18n';
import { fetchSavedReplies, renderSavedReply } from './conversations-api';
import { matchSavedReplies } from './saved-replies';

type ListState = { status: 'idle' | 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; items: SavedReply[] };

interface SavedReplyPickerProps {
  conversationId: string;
  /** Called with the reply made ready for this conversation; the composer puts it at the cursor. */
  onInsert: (rendered: RenderedSavedReply) => void;
}

/**
 * "Saved replies": a button opening a search box over the workspace's saved
 * replies. Type to narrow by name, ↑/↓ to choose, Enter to insert, Escape to
 * close; the chosen reply is rendered for this conversation by the server
 * (its language, placeholders filled) before it is inserted.
 */
export function SavedReplyPicker({ conversationId, onInsert }: SavedReplyPickerProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [list, setList] = useState<ListState>({ status: 'idle' });
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [isInserting, setInserting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const matches = list.status === 'ready' ? matchSavedReplies(list.items, query, locale) : [];
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (!isOpen || list.status !== 'idle') return;
    setList({ status: 'loading' });
    fetchSavedReplies().then(
      (items) => setList({ status: 'ready', items }),
      (failure: unknown) => setList({ status: 'failed', error: failure }),
    );
  }, [isOpen, list.status]);

  useEffect(() => {
    if (isOpen) searchRef.current?.focus();
  }, [isOpen]);

  function close(returnFocus: boolean) {
    setOpen(false);
    setQuery('');
    setActive(0);
    setError(null);
    if (returnFocus) buttonRef.current?.focus();
  }

  async function choose(reply: SavedReply) {
    if (isInserting) return;
    setInserting(true);
    setError(null);
    try {
      const rendered = await renderSavedReply(conversationId, reply.id);
      close(false);
      onInsert(rendered);
    } catch (failure) {
      setError(failure);
    } finally {
      setInserting(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && matches.length > 0) {
      event.preventDefault();
      setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const reply = matches[activeIndex];
      if (reply) void choose(reply);
    }
  }

  return (
    <div
      className="saved-reply-picker"
      onBlur={(event) => {
        if (isOpen && !event.currentTarget.contains(event.relatedTarget) && !isInserting) close(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? `${id}-popup` : undefined}
        onClick={() => (isOpen ? close(true) : setOpen(true))}
      >
        {t('conversations.savedReplies.open')}
      </button>
      {isOpen && (
        <div
          id={`${id}-popup`}
          className="saved-reply-picker__popup"
          role="group"
          aria-label={t('conversations.savedReplies.open')}
        >
          <label className="field__label" htmlFor={`${id}-search`}>
            {t('conversations.savedReplies.search')}
          </label>
          <input
            ref={searchRef}
            id={`${id}-search`}
            className="input input--search"
            type="search"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={matches.length > 0}
            aria-controls={`${id}-list`}
            aria-activedescendant={matches.length > 0 ? optionId(activeIndex) : undefined}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {(list.status === 'loading' || list.status === 'idle') && <Loading />}
          {list.status === 'failed' && <ErrorMessage error={list.error} />}
          <ErrorMessage error={error} />
          {isInserting && (
            <p className="muted small" role="status">
              {t('conversations.savedReplies.inserting')}
            </p>
          )}
          {list.status === 'ready' && list.items.length === 0 && (
            <p className="muted small">
              {t('conversations.savedReplies.none')}{' '}
              <Link to="/settings/saved-replies">{t('conversations.savedReplies.manage')}</Link>
            </p>
          )}
          {list.status === 'ready' && list.items.length > 0 && matches.length === 0 && (
            <p className="muted small" role="status">
              {t('conversations.savedReplies.noMatch')}
            </p>
          )}
          <ul
            className="saved-reply-picker__list"
            role="listbox"
            id={`${id}-list`}
            aria-label={t('conversations.savedReplies.list')}
          >
            {matches.map((reply, index) => (
              <li
                key={reply.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                className={
                  index === activeIndex
                    ? 'saved-reply-picker__option saved-reply-picker__option--active'
                    : 'saved-reply-picker__option'
                }
                // Chosen on mouse down, before the search box loses focus and closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  void choose(reply);
                }}
              >
                {reply.name}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
