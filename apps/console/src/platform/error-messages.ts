import { ApiError } from './api-client';

/** Error codes with their own message in the catalogs (`errors.<code>`). */
export const translatedErrorCodes = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'setup_already_done',
  'setup_token_invalid',
  'invite_invalid',
  'invite_expired',
  'already_member',
  'identity_taken',
  'email_taken',
  'too_many_attempts',
  'last_owner',
  'cannot_remove_self',
  'view_name_taken',
  'attribute_type_fixed',
  'attribute_in_use',
  'attribute_choice_in_use',
  'idempotency_key_reused',
  'not_ready',
  'team_name_taken',
  'not_a_member',
  'channel_address_taken',
  'channel_cannot_reply',
  'channel_cannot_send_attachments',
  'attachment_empty',
  'attachment_too_large',
  'unknown_attachment',
  'attachment_already_sent',
  'call_notes_conflict',
  'not_a_chat_conversation',
  'email_required',
  'no_email_channel',
  'unknown_holiday_region',
  'internal_error',
  'unknown',
  'network_error',
] as const;

const translated = new Set<string>(translatedErrorCodes);

/** A catalog key and its interpolation values, ready for `t(key, values)`. */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whole minutes to wait, at least one, from a server's `retryAfterSeconds`. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * The message to show a person for any thrown value: `errors.<code>` for the
 * codes the catalogs know, `errors.unknown` otherwise. A wait time from
 * `too_many_attempts` becomes a plural-aware "try again in N minutes".
 */
export function describeError(error: unknown): MessageRef {
  if (!(error instanceof ApiError)) return { key: 'errors.unknown' };
  if (error.code === 'too_many_attempts' && isRecord(error.details)) {
    const seconds = error.details.retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) {
      return { key: 'errors.too_many_attempts_retry', values: { count: minutesToWait(seconds) } };
    }
  }
  return { key: translated.has(error.code) ? `errors.${error.code}` : 'errors.unknown' };
}

/**
 * For `validation_failed`, the names of the fields the server rejected
 * (`details.issues[].path[0]`), in order, without repeats. Empty otherwise.
 */
export function invalidFields(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !isRecord(error.details)) return [];
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return [];
  const fields: string[] = [];
  for (const issue of issues) {
    if (!isRecord(issue) || !Array.isArray(issue.path) || issue.path.length === 0) continue;
    const head: unknown = issue.path[0];
    if (typeof head !== 'string' && typeof head !== 'number') continue;
    const field = String(head);
    if (!fields.includes(field)) fields.push(field);
  }
  return fields;
}

/** The request id to quote to an administrator, for server-side failures. */
export function errorReference(error: unknown): string | undefined {
  return error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
}

/**
 * A `validation_failed` error made in the browser for the named fields, so
 * client-side checks look exactly like the server's. Null when none failed.
 */
export function clientValidationError(fields: string[]): ApiError | null {
  if (fields.length === 0) return null;
  const issues = fields.map((field) => ({ path: [field], message: 'invalid', code: 'custom' }));
  return new ApiError(0, 'validation_failed', 'invalid input', { issues });
}
