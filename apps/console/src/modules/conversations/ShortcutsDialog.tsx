import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcuts } from './shortcuts';

/**
 * The keyboard shortcuts of the conversation page, in a modal <dialog>:
 * Escape or the button closes it, and focus returns to where it was.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('conversations.shortcuts.title')}
      </h2>
      <p>{t('conversations.shortcuts.intro')}</p>
      <dl className="shortcut-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.key}>
            <dt>
              <kbd>{shortcut.key}</kbd>
            </dt>
            <dd>{t(`conversations.shortcuts.${shortcut.action}`)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>{t('conversations.shortcuts.ctrlKey')}</kbd> + <kbd>Enter</kbd>
          </dt>
          <dd>{t('conversations.shortcuts.send')}</dd>
        </div>
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('common.done')}
        </button>
      </div>
    </dialog>
  );
}
