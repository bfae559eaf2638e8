import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface TagsEditorProps {
  tags: string[];
  isPending: boolean;
  onChange: (tags: string[]) => void;
}

/** The conversation's tags: each with a remove button, and a field to add one (Enter or the button). */
export function TagsEditor({ tags, isPending, onChange }: TagsEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');

  function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim().slice(0, 60);
    if (!tag) return;
    setDraft('');
    if (!tags.some((item) => item.toLocaleLowerCase() === tag.toLocaleLowerCase())) onChange([...tags, tag]);
  }

  return (
    <div className="conversation-tags" role="group" aria-labelledby={`${id}-label`}>
      <span className="field__label" id={`${id}-label`}>
        {t('conversations.tags.label')}
      </span>
      {tags.length > 0 ? (
        <ul className="tag-list">
          {tags.map((tag) => (
            <li key={tag} className="tag conversation-tags__tag">
              {tag}
              <button
                type="button"
                className="conversation-tags__remove"
                aria-label={t('conversations.tags.remove', { tag })}
                disabled={isPending}
                onClick={() => onChange(tags.filter((item) => item !== tag))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted small">{t('conversations.tags.none')}</span>
      )}
      <form className="conversation-tags__form" onSubmit={add}>
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          {t('conversations.tags.new')}
        </label>
        <input
          id={`${id}-input`}
          className="input input--compact"
          value={draft}
          maxLength={60}
          placeholder={t('conversations.tags.new')}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button--small" disabled={isPending || !draft.trim()}>
          {t('conversations.tags.add')}
        </button>
      </form>
    </div>
  );
}
