/**
 * The iframe app's address, from the loader's own: Rapport serves the loader at `/widget.js` and the app at
 * `/widget/app/index.html` on the same base (which may include a sub-path, e.g. https://example.com/rapport/).
 */
export function appUrl(scriptSrc: string, params: { key: string; language: string | null; origin: string }): URL {
  const url = new URL('widget/app/index.html', new URL('./', scriptSrc));
  url.searchParams.set('key', params.key);
  if (params.language) url.searchParams.set('lang', params.language);
  url.searchParams.set('origin', params.origin);
  return url;
}
