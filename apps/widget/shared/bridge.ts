import type { WidgetIdentity } from '@rapport/contracts';

/**
 * The postMessage protocol between the loader (on the customer's page) and the
 * iframe app (on Rapport's origin). Both sides accept a message only from the
 * expected window and origin, and only in this shape: any other page or frame
 * may post anything to either window.
 */

/** Every bridge message carries this tag, so the host's own postMessage traffic is ignored quickly. */
export const bridgeTag = 'rapport-widget';

export interface PageInfo {
  url: string;
  title: string;
}

/** From the loader to the app. */
export type HostMessage =
  | { type: 'init'; identity: WidgetIdentity | null; language: string | null; page: PageInfo }
  | { type: 'identity'; identity: WidgetIdentity | null }
  | { type: 'language'; language: string | null }
  | { type: 'page'; page: PageInfo }
  | { type: 'open' }
  | { type: 'close' };

/** From the app to the loader. */
export type AppMessage =
  /** The app runs and listens: the loader answers `init`. */
  | { type: 'ready' }
  /** Show the frame as the launcher only (closed) or as the panel (open), on this side of the page. */
  | { type: 'resize'; open: boolean; position: 'left' | 'right' }
  /** The widget cannot work (unknown key, origin not allowed): the loader hides the frame. */
  | { type: 'hide' };

/** What the bridge puts on the wire: the message plus the tag. */
export type Tagged<T> = T & { tag: typeof bridgeTag };

/** The message with the tag added, ready for postMessage. */
export function tag<T extends HostMessage | AppMessage>(message: T): Tagged<T> {
  return { ...message, tag: bridgeTag };
}

/** The part of a MessageEvent the checks need (a plain object in tests). */
export interface ReceivedMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPage(value: unknown): value is PageInfo {
  return isRecord(value) && typeof value.url === 'string' && typeof value.title === 'string';
}

function isIdentity(value: unknown): value is WidgetIdentity | null {
  // The server checks the identity fully (signature included); here only its shape, so the app never sends junk.
  return value === null || (isRecord(value) && typeof value.signature === 'string');
}

function isLanguage(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && value.length <= 35);
}

/**
 * The loader's check: a message from the app's frame (`event.source` is the iframe's window, not merely any
 * window) and origin, in a known shape; anything else is null.
 */
export function readAppMessage(event: ReceivedMessage, appOrigin: string, frameWindow: unknown): AppMessage | null {
  if (event.origin !== appOrigin || frameWindow == null || event.source !== frameWindow) return null;
  const data = event.data;
  if (!isRecord(data) || data.tag !== bridgeTag) return null;
  switch (data.type) {
    case 'ready':
    case 'hide':
      return { type: data.type };
    case 'resize':
      if (typeof data.open !== 'boolean' || (data.position !== 'left' && data.position !== 'right')) return null;
      return { type: 'resize', open: data.open, position: data.position };
    default:
      return null;
  }
}

/**
 * The app's check: a message from its parent window and from the host origin it was opened for, in a known shape;
 * anything else is null.
 */
export function readHostMessage(event: ReceivedMessage, hostOrigin: string, parentWindow: unknown): HostMessage | null {
  if (event.origin !== hostOrigin || parentWindow == null || event.source !== parentWindow) return null;
  const data = event.data;
  if (!isRecord(data) || data.tag !== bridgeTag) return null;
  switch (data.type) {
    case 'init':
      if (!isIdentity(data.identity) || !isLanguage(data.language) || !isPage(data.page)) return null;
      return { type: 'init', identity: data.identity, language: data.language, page: data.page };
    case 'identity':
      return isIdentity(data.identity) ? { type: 'identity', identity: data.identity } : null;
    case 'language':
      return isLanguage(data.language) ? { type: 'language', language: data.language } : null;
    case 'page':
      return isPage(data.page) ? { type: 'page', page: data.page } : null;
    case 'open':
    case 'close':
      return { type: data.type };
    default:
      return null;
  }
}
