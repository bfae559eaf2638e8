import type { Role } from '@rapport/db';

/**
 * Event families only owners and admins receive: the same people who may read
 * the audit log (`GET /events`). Their data names people, roles, invitations,
 * token prefixes and private view names that agents do not otherwise see.
 * Everything else (customers, notes, conversations, messages…) is work every
 * member shares, and new modules' events reach agents without a change here.
 */
export const managerOnlyEventPrefixes = [
  'api_token.',
  'customer_view.',
  'invite.',
  'maintenance.',
  'member.',
  'user.',
  'workspace.',
] as const;

/** Whether a member with this role may receive the event over the WebSocket. */
export function canReceiveEvent(role: Role, eventName: string): boolean {
  if (role === 'owner' || role === 'admin') return true;
  return !managerOnlyEventPrefixes.some((prefix) => eventName.startsWith(prefix));
}

/** Whether the event's name starts with one of the subscribed prefixes (`null`: every event). */
export function matchesSubscription(names: readonly string[] | null, eventName: string): boolean {
  return names === null || names.some((prefix) => eventName.startsWith(prefix));
}

/**
 * Whether a WebSocket opened with a session cookie comes from the app's own
 * pages. Browsers always send Origin on WebSocket handshakes and pages cannot
 * forge it, so this is what stops a cross-site page from opening a socket with
 * the person's cookie (cookies ride along; SameSite=Lax does not stop it).
 * Accepted: the public URL's origin, or the origin of the host the request was
 * sent to (same-origin behind a development proxy; a page on another site that
 * resolves to this server gets no cookie for it).
 */
export function isAllowedOrigin(origin: string | undefined, own: { publicUrl: string; protocol: string; host: string }): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(own.publicUrl).origin) return true;
  // Through URL, so `host:80` and `HOST` compare equal to what the browser sends.
  return URL.canParse(`${own.protocol}://${own.host}`) && parsed.origin === new URL(`${own.protocol}://${own.host}`).origin;
}
