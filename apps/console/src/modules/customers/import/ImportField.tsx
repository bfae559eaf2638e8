import { ProblemField, type ProblemFieldProps } from '../ProblemField';
import { importProblemKey } from './import-problems';

/**
 * A labelled control of the import screens, with the import problem's own
 * message ("Two columns are mapped to Given name") under it when it has one.
 */
export function ImportField(props: Omit<ProblemFieldProps, 'messageKey' | 'isOptional'>) {
  return <ProblemField {...props} messageKey={importProblemKey} />;
}
