/**
 * The origin of the page that embeds the widget. Where the browser tells it (location.ancestorOrigins, Chromium
 * and Safari), that wins over the `origin` URL parameter, which any page framing the app could write. An opaque
 * origin ("null": sandboxed frames, file: pages) cannot be targeted by postMessage, so it yields no bridge.
 */
export function resolveHostOrigin(parameter: string | null, ancestorOrigin: string | undefined): string | null {
  const candidate = ancestorOrigin ?? parameter;
  if (!candidate || candidate === 'null') return null;
  try {
    const url = new URL(candidate);
    const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
    return isWeb && url.origin === candidate ? candidate : null;
  } catch {
    return null;
  }
}
