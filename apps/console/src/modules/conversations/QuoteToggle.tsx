import { useTranslation } from 'react-i18next';

interface QuoteToggleProps {
  isShown: boolean;
  /** The id of the element the history is in. */
  controls: string;
  onToggle: () => void;
}

/** "Show quoted text" / "Hide quoted text": folds an email's quoted history in and out, text or HTML. */
export function QuoteToggle({ isShown, controls, onToggle }: QuoteToggleProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--quiet button--small message__quote-toggle"
      aria-expanded={isShown}
      aria-controls={controls}
      onClick={onToggle}
    >
      {t(isShown ? 'conversations.thread.hideQuoted' : 'conversations.thread.showQuoted')}
    </button>
  );
}
