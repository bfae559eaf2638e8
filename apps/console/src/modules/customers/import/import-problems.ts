import { ApiError } from '../../../platform/api-client';

/** Problem codes of uploads and mappings with their own message (`customers.import.problems.<code>`). */
export const importProblemCodes = [
  'no_file',
  'empty_file',
  'no_header',
  'unsupported_encoding',
  'too_large',
  'duplicate_field',
  'missing_required',
  'match_column_missing',
  'unknown_column',
  'unknown_field',
  'unknown_attribute',
  'already_started',
] as const;

/** The catalog key for an import problem code, or undefined when it has no message of its own. */
export function importProblemKey(code: string | undefined): string | undefined {
  return code && (importProblemCodes as readonly string[]).includes(code) ? `customers.import.problems.${code}` : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The problems of a `validation_failed` error by issue path joined with dots
 * (`mapping.E-mail` → duplicate_field, `matchBy` → match_column_missing), the
 * first problem of a path winning. Unlike the profile forms' reading, an
 * issue about the request as a whole (empty path, such as already_started)
 * counts too, under `''`. Empty for any other error.
 */
export function importIssues(error: unknown): Map<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !isRecord(error.details)) return problems;
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return problems;
  for (const issue of issues) {
    if (!isRecord(issue) || !Array.isArray(issue.path)) continue;
    const path = issue.path.map(String).join('.');
    if (!problems.has(path)) problems.set(path, typeof issue.code === 'string' ? issue.code : 'custom');
  }
  return problems;
}

/**
 * What was wrong with an uploaded file, as a problem code: the server's
 * issue on the body (empty_file, no_header, unsupported_encoding), or
 * too_large for a file over the limit. Undefined for other errors.
 */
export function uploadProblem(error: unknown): string | undefined {
  if (error instanceof ApiError && error.code === 'payload_too_large') return 'too_large';
  return importIssues(error).get('body');
}

/**
 * The problems of a start request that belong to no control on the screen (a
 * missing name column, an import started already, a column the file lacks),
 * in order, as codes. Problems of a column, the match rule or the default
 * country are shown beside those.
 */
export function generalProblems(problems: Map<string, string>, headers: string[]): string[] {
  const placed = new Set(['matchBy', 'defaultCountry', ...headers.map((header) => `mapping.${header}`)]);
  return [...problems].filter(([path]) => !placed.has(path)).map(([, code]) => code);
}
