/**
 * Every error Rapport reports on purpose is an AppError with a stable code.
 * The codes, what they mean and the HTTP status they map to live in this one
 * table; domain code throws codes, only the HTTP layer looks at statuses.
 */
export const errorCodes = {
  /** The request body, query or path did not match the schema (details.issues). */
  validation_failed: 400,
  /** The body is not valid JSON. */
  invalid_json: 400,
  /** Not signed in, or the credentials were not accepted. */
  unauthenticated: 401,
  /** Email and password do not match an account (never says which is wrong). */
  invalid_credentials: 401,
  /** The session cookie is unknown or has expired. */
  session_expired: 401,
  /** A cookie-authenticated write without the matching X-CSRF-Token header. */
  csrf_failed: 403,
  /** Signed in, but the role does not allow this. */
  forbidden: 403,
  /** A cookie-authenticated WebSocket opened from a page of another origin (cross-site WebSocket hijacking). */
  origin_not_allowed: 403,
  /** A plain HTTP request to a WebSocket endpoint (GET /api/v1/realtime). */
  upgrade_required: 426,
  not_found: 404,
  /** The first-run setup was completed before. */
  setup_already_done: 409,
  /** The setup link is wrong or has expired (run `rapport setup` for a new one). */
  setup_token_invalid: 403,
  /** The invite link is unknown, revoked or already used. */
  invite_invalid: 404,
  invite_expired: 410,
  already_member: 409,
  /** The email, phone or channel id belongs to another customer (details.customerId). */
  identity_taken: 409,
  email_taken: 409,
  /** Would leave the workspace without an owner. */
  last_owner: 409,
  cannot_remove_self: 409,
  /** A saved view of the customer list that the owner or you see has this name already (details.viewId when you see it). */
  view_name_taken: 409,
  /** A custom attribute's type cannot change once it is defined (define another attribute instead). */
  attribute_type_fixed: 409,
  /** Customers have a value for the attribute (details.customerCount): delete with `deleteValues=true` to remove them too. */
  attribute_in_use: 409,
  /** Customers have a choice that the update would remove (details.choices, details.customerCount). */
  attribute_choice_in_use: 409,
  /** The Idempotency-Key was used before with a different request (another route or body). */
  idempotency_key_reused: 422,
  /** A request with this Idempotency-Key is still being handled; retry shortly. */
  idempotency_in_progress: 409,
  /** The request with this Idempotency-Key succeeded, and its response held a secret that is shown only once. */
  idempotency_key_used: 409,
  /** Another channel (in any workspace) already receives mail at this address. */
  channel_address_taken: 409,
  /** The conversation cannot take a reply on its channel (the customer has no identity there, e.g. no email). */
  no_recipient: 409,
  /** A reply in a conversation whose channel takes none (a phone channel holds calls and notes). */
  channel_cannot_reply: 409,
  /** A user named (assignee, team member, mention) is not a member of this workspace. */
  not_a_member: 400,
  /** A team with this name exists in the workspace. */
  team_name_taken: 409,
  /** A business calendar has no open time in the next 366 days (an SLA clock could never run). */
  calendar_never_open: 422,
  /** The holiday calendar knows no such country or region. */
  unknown_holiday_region: 400,
  /** Input given as an email message is not one (empty, or no headers at all). */
  invalid_email_message: 400,
  /** Too many failed sign-ins; details.retryAfterSeconds. */
  too_many_attempts: 429,
  /** Live chat: the widget key names no chat channel (or the channel is gone). */
  unknown_widget: 404,
  /** Live chat: the visitor token is forged, damaged or for another widget; start a new session without it. */
  invalid_visitor_token: 401,
  /** Live chat: the signed-in user's identity does not carry a valid signature from the site's server. */
  invalid_identity_signature: 401,
  /** Too many requests from this visitor or address; details.retryAfterMs. */
  rate_limited: 429,
  /** Live chat: a transcript asked for a conversation that is not a website chat. */
  not_a_chat_conversation: 409,
  /** Live chat: a transcript with no address to go to (none given, and the customer has no email). */
  email_required: 409,
  /** Live chat: the channel's pre-chat form is required and the visitor has not given an email yet (widget socket only). */
  contact_required: 409,
  /** Live chat: a transcript, but the workspace has no email channel with an address to send it from. */
  no_email_channel: 409,
  /** Calls: the notes were saved meanwhile (another tab or person); details hold the current notes and version. */
  call_notes_conflict: 409,
  /** Telephony webhook: X-Rapport-Signature is missing, malformed, too old (replay) or wrong; details.reason. */
  invalid_webhook_signature: 401,
  /** An attachment upload with no bytes. */
  attachment_empty: 400,
  /** An attachment over the size limit of email (SMTP_MAX_MESSAGE_BYTES), alone or with a message's others; details.maxBytes. */
  attachment_too_large: 413,
  /** attachmentIds names no file uploaded to this conversation and not sent (unknown, another's, removed); details.attachmentId. */
  unknown_attachment: 400,
  /** attachmentIds names a file already sent with a message; details.attachmentId. */
  attachment_already_sent: 409,
  /** A reply with attachments on a channel whose replies cannot carry files (the chat widget): attach them to a note. */
  channel_cannot_send_attachments: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** The server is starting or shutting down. */
  not_ready: 503,
  /** Anything unexpected; logged with the request id. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function statusOf(code: ErrorCode): number {
  return errorCodes[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
