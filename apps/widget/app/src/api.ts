import type { WidgetConfig, WidgetSession, WidgetSessionInput } from '@rapport/contracts';

/** The widget's public HTTP endpoints (`/api/v1/widget/…`), relative to Rapport's base address. */

/** An error answer from Rapport: `{ error: { code, message } }` with its HTTP status. */
export class WidgetHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WidgetHttpError';
  }

  /** 4xx other than 429: asking again the same way will not help. */
  get isPermanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

export interface WidgetApi {
  getConfig(key: string, language: string): Promise<WidgetConfig>;
  createSession(input: WidgetSessionInput): Promise<WidgetSession>;
}

async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  throw new WidgetHttpError(
    response.status,
    typeof error?.code === 'string' ? error.code : 'http_error',
    typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
  );
}

/**
 * The API at `apiBase` (e.g. https://rapport.example.com/api/v1/). Network failures reject with the fetch
 * error; error answers with WidgetHttpError (codes such as unknown_widget, invalid_visitor_token).
 */
export function createWidgetApi(apiBase: URL, fetchImpl: typeof fetch = fetch.bind(globalThis)): WidgetApi {
  return {
    async getConfig(key, language) {
      const url = new URL('widget/config', apiBase);
      url.searchParams.set('key', key);
      url.searchParams.set('lang', language);
      return readJson<WidgetConfig>(await fetchImpl(url, { headers: { accept: 'application/json' } }));
    },
    async createSession(input) {
      const response = await fetchImpl(new URL('widget/sessions', apiBase), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(input),
      });
      return readJson<WidgetSession>(response);
    },
  };
}

/** Rapport's API and socket addresses, from the app page's own (served at {base}/widget/app/index.html). */
export function endpointsFor(pageUrl: string): { apiBase: URL; socketUrl: (token: string) => string } {
  const apiBase = new URL('../../api/v1/', pageUrl);
  return {
    apiBase,
    socketUrl(token) {
      const url = new URL('widget/socket', apiBase);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      url.searchParams.set('token', token);
      return url.href;
    },
  };
}
