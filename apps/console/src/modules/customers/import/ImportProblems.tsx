import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { generalProblems, importProblemKey } from './import-problems';

/**
 * Why the import could not start, above the start button: the shared error
 * message, and for a refused mapping each problem that belongs to no single
 * column (problems of a column are shown beside it).
 */
interface ImportProblemsProps {
  error: unknown;
  /** Problem codes by issue path. */
  problems: Map<string, string>;
  /** The file's columns, whose problems are shown beside their selects instead. */
  headers: string[];
}

export function ImportProblems({ error, problems, headers }: ImportProblemsProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const general = generalProblems(problems, headers);
  if (problems.size === 0) return <ErrorMessage error={error} />;
  return (
    <div className="alert alert--error" role="alert">
      <p>{t('customers.import.problems.intro')}</p>
      {general.length > 0 && (
        <ul className="import-problems">
          {general.map((code, index) => (
            <li key={`${code}-${index}`}>{t(importProblemKey(code) ?? 'errors.validation_failed')}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
