import { useTranslation } from 'react-i18next';

/** "Ada is typing…" under a chat's thread while the visitor types; the region stays so screen readers hear it change. */
export function TypingIndicator({ isTyping, name }: { isTyping: boolean; name: string }) {
  const { t } = useTranslation();
  return (
    <p className="typing-indicator" aria-live="polite">
      {isTyping && (
        <>
          <span className="typing-indicator__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('chat.conversation.typing', { name })}
        </>
      )}
    </p>
  );
}
