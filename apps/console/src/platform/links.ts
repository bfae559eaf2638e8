/**
 * The `token` parameter of a link's fragment (`…/setup#token=…`). Fragments
 * never reach the server or its logs, which is why setup and invite links
 * carry their secrets there.
 */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token.trim() : undefined;
}

/** The page to return to after sign-in: only paths inside the console, never another site. */
export function safeReturnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/inbox';
  if (from === '/sign-in' || from === '/setup' || from === '/invite') return '/inbox';
  return from;
}
