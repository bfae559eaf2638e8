import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldControlProps } from '../../components/Field';
import { fieldProblemKey } from './customer-errors';

export interface ProblemFieldProps {
  label: string;
  /** Keep the label for assistive technology only, where a visible one stands elsewhere (a table's row heading). */
  isLabelHidden?: boolean;
  hint?: ReactNode;
  /** The server's (or the browser's) problem code for this field; undefined when it is fine. */
  problem?: string | undefined;
  isOptional?: boolean;
  /** The catalog key of a problem's own message, if it has one (default: the customer form's field problems). */
  messageKey?: (problem: string | undefined) => string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The shared Field, with the problem's own message when the catalogs have one
 * ("This is not a valid phone number") instead of only "check this field".
 */
export function ProblemField({
  label,
  isLabelHidden = false,
  hint,
  problem,
  isOptional = false,
  messageKey = fieldProblemKey,
  children,
}: ProblemFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const isInvalid = problem !== undefined;
  const describedBy = [hint ? hintId : undefined, isInvalid ? errorId : undefined].filter(Boolean).join(' ');
  const key = messageKey(problem);
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
          {key ? t(key) : t('errors.field_invalid', { field: label })}
        </p>
      )}
    </div>
  );
}
