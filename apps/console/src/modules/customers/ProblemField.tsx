import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, type FieldControlProps } from '../../components/Field';
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
export function ProblemField({ problem, messageKey = fieldProblemKey, children, ...field }: ProblemFieldProps) {
  const { t } = useTranslation();
  const key = messageKey(problem);
  return (
    <Field {...field} isInvalid={problem !== undefined} errorMessage={key ? t(key) : undefined}>
      {children}
    </Field>
  );
}
