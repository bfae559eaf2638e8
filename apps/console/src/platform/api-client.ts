/**
 * The console's one way to talk to the server: JSON over `/api/v1`, the
 * session cookie sent by the browser, and the CSRF token echoed on writes.
 */

/** An error response from the API (or `network_error` when there was none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let onSessionLost: (() => void) | undefined;

/** Remembers the token from `GET /me` (or a sign-in) to send as `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request made with a session is answered 401: the session is gone. */
export function setSessionLostHandler(handler: (() => void) | undefined): void {
  onSessionLost = handler;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads an error body `{ error: { code, message, details, requestId } }`, tolerating anything else. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'internal_error' : 'unknown';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const requestId = typeof error?.requestId === 'string' ? error.requestId : undefined;
  return new ApiError(status, code, message, error?.details, requestId);
}

/**
 * Sends one request to `/api/v1{path}` and returns the parsed JSON body
 * (undefined for 204). Throws ApiError for every 4xx/5xx answer, and
 * ApiError('network_error') when the server could not be reached.
 */
export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  // A file goes as it is (its type is in extraHeaders); anything else as JSON.
  const isFile = body instanceof Blob;
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined && !isFile) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isFile ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = parseErrorBody(response.status, parsed);
    const hadSession = csrfToken !== null;
    if (response.status === 401 && hadSession && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
      onSessionLost?.();
    }
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  /** A POST that is safe to retry: the server answers a repeat with the same key with the first answer. */
  postOnce: <T>(path: string, body: unknown, idempotencyKey: string) =>
    apiRequest<T>('POST', path, body, { 'Idempotency-Key': idempotencyKey }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  /** A file as the raw body of a POST, its type as Content-Type (application/octet-stream when the browser knows none). */
  upload: <T>(path: string, file: Blob) =>
    apiRequest<T>('POST', path, file, { 'Content-Type': file.type || 'application/octet-stream' }),
  delete: (path: string) => apiRequest<void>('DELETE', path),
};
