import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerViewVisibility } from '@rapport/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ApiError } from '../../../platform/api-client';
import { invalidFields } from '../../../platform/error-messages';
import { ProblemField } from '../ProblemField';
import { RadioGroup } from '../RadioGroup';

export interface CustomerViewValues {
  name: string;
  visibility: CustomerViewVisibility;
}

interface CustomerViewDialogProps {
  title: string;
  submitLabel: string;
  initial: CustomerViewValues;
  /** Saves; a thrown error is shown in the dialog, which then stays open. */
  onSubmit: (values: CustomerViewValues) => Promise<void>;
  onClose: () => void;
}

/** The name's problem, if the server named one: taken, or not valid. */
function nameProblem(error: unknown): string | undefined {
  if (error instanceof ApiError && error.code === 'view_name_taken') return 'view_name_taken';
  return invalidFields(error).includes('name') ? 'invalid' : undefined;
}

/**
 * Names a saved view and says who sees it: a modal form on the native
 * <dialog> (focus kept inside, Escape cancels, focus returns to the opener).
 */
export function CustomerViewDialog({ title, submitLabel, initial, onSubmit, onClose }: CustomerViewDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [values, setValues] = useState(initial);
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

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({ ...values, name: values.name.trim() });
      onClose();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  const problem = nameProblem(error);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isPending) onClose();
      }}
    >
      <form className="form" onSubmit={(event) => void submit(event)}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <ProblemField
          label={t('customers.views.name')}
          problem={problem}
          messageKey={(code) => (code === 'view_name_taken' ? 'errors.view_name_taken' : undefined)}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              required
              maxLength={80}
              autoComplete="off"
              autoFocus
              value={values.name}
              onChange={(event) => setValues({ ...values, name: event.target.value })}
            />
          )}
        </ProblemField>
        <RadioGroup
          legend={t('customers.views.visibility')}
          hint={t('customers.views.visibilityHint')}
          name="view-visibility"
          value={values.visibility}
          options={[
            { value: 'personal', label: t('customers.views.personal') },
            { value: 'shared', label: t('customers.views.shared') },
          ]}
          onChange={(visibility) => setValues({ ...values, visibility })}
        />
        {!problem && <ErrorMessage error={error} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={isPending || values.name.trim() === ''}>
            {isPending ? t('common.saving') : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
