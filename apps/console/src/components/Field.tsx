import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a Field hands to its control so label, hint and error are wired up. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: string;
  /** Keep the label for assistive technology only, where a visible one stands elsewhere (a table's row heading). */
  isLabelHidden?: boolean;
  hint?: ReactNode;
  /** Shows an error under the control: `errorMessage`, or the translated "check this field". */
  isInvalid?: boolean;
  errorMessage?: string | undefined;
  isOptional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with an optional hint and error message. */
export function Field({
  label,
  isLabelHidden = false,
  hint,
  isInvalid = false,
  errorMessage,
  isOptional = false,
  children,
}: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, isInvalid ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={isInvalid ? 'field field--invalid' : 'field'}>
      <label className={isLabelHidden ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
        {isOptional && <span className="field__optional"> ({t('common.optional')})</span>}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(isInvalid ? { 'aria-invalid': true as const } : {}),
      })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {isInvalid && (
        <p className="field__error" id={errorId}>
          {errorMessage ?? t('errors.field_invalid', { field: label })}
        </p>
      )}
    </div>
  );
}
