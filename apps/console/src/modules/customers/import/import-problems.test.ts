import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../platform/api-client';
import en from '../../../locales/en.json';
import { generalProblems, importIssues, importProblemCodes, importProblemKey, uploadProblem } from './import-problems';

function validationError(issues: { path: (string | number)[]; code: string }[]): ApiError {
  return new ApiError(400, 'validation_failed', 'invalid', {
    issues: issues.map((issue) => ({ ...issue, message: issue.code })),
  });
}

describe('import problems', () => {
  it('has a message for every code it knows', () => {
    for (const code of importProblemCodes) expect(en.customers.import.problems).toHaveProperty(code);
    expect(importProblemKey('empty_file')).toBe('customers.import.problems.empty_file');
    expect(importProblemKey('invalid_phone')).toBeUndefined();
    expect(importProblemKey(undefined)).toBeUndefined();
  });

  it('reads what was wrong with an upload', () => {
    expect(uploadProblem(validationError([{ path: ['body'], code: 'no_header' }]))).toBe('no_header');
    expect(uploadProblem(new ApiError(413, 'payload_too_large', 'too large'))).toBe('too_large');
    expect(uploadProblem(new ApiError(0, 'network_error', 'offline'))).toBeUndefined();
  });

  it('separates problems of a column from those of the whole mapping', () => {
    const problems = importIssues(
      validationError([
        { path: ['mapping', 'Név'], code: 'duplicate_field' },
        { path: ['mapping'], code: 'missing_required' },
        { path: ['matchBy'], code: 'match_column_missing' },
        { path: [], code: 'already_started' },
        { path: ['mapping', 'Régi oszlop'], code: 'unknown_column' },
      ]),
    );
    expect(problems.get('mapping.Név')).toBe('duplicate_field');
    expect(generalProblems(problems, ['Név', 'E-mail'])).toEqual(['missing_required', 'already_started', 'unknown_column']);
  });
});
