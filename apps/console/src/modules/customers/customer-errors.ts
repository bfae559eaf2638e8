import { ApiError } from '../../platform/api-client';

/** Field-level problem codes with their own message in the catalogs (`errors.<code>`). */
export const fieldProblemCodes = [
  'invalid_phone',
  'invalid_email',
  'invalid_attribute',
  'unknown_attribute',
  'name_required',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The problems of a `validation_failed` error by field path, joined with dots
 * (`identities.0.value` → `invalid_phone`, `attributes.plan` → `invalid_attribute`).
 * The first problem of a path wins. Empty for any other error.
 */
export function fieldProblems(error: unknown): Map<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !isRecord(error.details)) return problems;
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return problems;
  for (const issue of issues) {
    if (!isRecord(issue) || !Array.isArray(issue.path) || issue.path.length === 0) continue;
    const path = issue.path.map(String).join('.');
    if (!problems.has(path)) problems.set(path, typeof issue.code === 'string' ? issue.code : 'custom');
  }
  return problems;
}

/** The catalog key of a field problem's own message, or undefined for the generic "check this field". */
export function fieldProblemKey(code: string | undefined): string | undefined {
  return code && (fieldProblemCodes as readonly string[]).includes(code) ? `errors.${code}` : undefined;
}

/** A validation error made in the browser, shaped like the server's, with a problem code per field. */
export function clientFieldError(problems: Record<string, string>): ApiError | null {
  const entries = Object.entries(problems);
  if (entries.length === 0) return null;
  const issues = entries.map(([path, code]) => ({ path: path.split('.'), code, message: code }));
  return new ApiError(0, 'validation_failed', 'invalid input', { issues });
}

export interface TakenIdentity {
  kind?: string;
  value?: string;
  /** The customer who has it already. */
  customerId?: string;
}

/** For `identity_taken`, what was taken and by whom (as far as the server said). */
export function takenIdentity(error: unknown): TakenIdentity | undefined {
  if (!(error instanceof ApiError) || error.code !== 'identity_taken') return undefined;
  const details = isRecord(error.details) ? error.details : {};
  const text = (key: string) => (typeof details[key] === 'string' ? details[key] : undefined);
  return { kind: text('kind'), value: text('value'), customerId: text('customerId') };
}

/** Whether a failed load means the customer does not exist (or the address cannot be one). */
export function isMissingCustomer(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'not_found') return true;
  // A malformed id in the address is refused as a path parameter: it names no customer either.
  if (error.code !== 'validation_failed' || !isRecord(error.details) || !Array.isArray(error.details.issues)) return false;
  return error.details.issues.some((issue) => isRecord(issue) && issue.in === 'params');
}

/** The problem of a field or of anything inside it (`tags` covers `tags.3`). */
export function problemUnder(problems: Map<string, string>, field: string): string | undefined {
  for (const [path, code] of problems) if (path === field || path.startsWith(`${field}.`)) return code;
  return undefined;
}
