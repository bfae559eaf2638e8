import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldControlProps } from '../../components/Field';
import { fieldProblemKey } from './customer-errors';

interface ProblemFieldProps {
  label: string;
  hint?: ReactNode;
  /** The server's (or the browser's) problem code for this field; undefined when it is fine. */
  problem?: string | undefined;
  isOptional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The shared Field, with the problem's own message when the catalogs have one
 * ("This is not a valid phone number") instead of only "check this field".
 */
export function ProblemField({ label, hint, problem, isOptional = false, children }: ProblemFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const isInvalid = problem !== undefined;
  const describedBy = [hint ? hintId : undefined, isInvalid ? errorId : undefined].filter(Boolean).join(' ');
  const key = fieldProblemKey(problem);
  return (
    <div className={isInvalid ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
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
