import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldControlProps } from '../../../components/Field';
import { importProblemKey } from './import-problems';

interface ImportFieldProps {
  label: string;
  /** Shown in place of the visible label, for controls whose label is elsewhere (a table's row heading). */
  isLabelHidden?: boolean;
  hint?: ReactNode;
  /** The problem code for this control (from the server or the browser); undefined when it is fine. */
  problem?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A labelled control of the import screens, with the import problem's own
 * message ("Two columns are mapped to Given name") under it when it has one.
 */
export function ImportField({ label, isLabelHidden = false, hint, problem, children }: ImportFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const isInvalid = problem !== undefined;
  const describedBy = [hint ? hintId : undefined, isInvalid ? errorId : undefined].filter(Boolean).join(' ');
  const key = importProblemKey(problem);
  return (
    <div className={isInvalid ? 'field field--invalid' : 'field'}>
      <label className={isLabelHidden ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
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
