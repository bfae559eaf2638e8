import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './ErrorMessage';

interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  /** Runs the action; a thrown error is shown in the dialog, which then stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * A modal confirmation on the native <dialog>: focus moves into it and is
 * kept there, Escape cancels, and focus returns to the opener on close.
 */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isPending) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <p id={bodyId}>{body}</p>
      <ErrorMessage error={error} />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={isPending} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={isPending}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
