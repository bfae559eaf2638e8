import type { RealtimeSignal } from '@rapport/contracts';
import { formatLocalTime, zoneCityName } from '../../platform/format';
import { timeZoneLongName } from '../customers/local-time';

/** How long "Visitor is typing…" stays without a fresh typing signal (the widget repeats it every few seconds). */
export const visitorTypingTimeoutMs = 6_000;
/** How often the visitor's page and whether they are online are fetched again besides the live page signals. */
export const visitorRefreshMs = 30_000;

/** A visitor's clock: "Tue 14:05", the zone's city ("New York") and the zone's name, both in the UI language. */
export interface VisitorLocalTime {
  time: string;
  zone: string;
  zoneName: string | undefined;
}

/** The visitor's local time now in their time zone, in the UI language; null when the zone is unknown or not one. */
export function visitorLocalTime(timeZone: string | null, locale: string, now: Date): VisitorLocalTime | null {
  if (!timeZone) return null;
  const time = formatLocalTime(timeZone, locale, now);
  if (!time) return null;
  return { time, zone: zoneCityName(timeZone, locale), zoneName: timeZoneLongName(timeZone, locale, now) };
}

/** The page address as a link target, only when it is a web address (a visitor's browser reports it: never trust it). */
export function safePageUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** What to call the page: its title, or without one its address without the scheme. */
export function pageLabel(title: string | null, url: string | null): string {
  const trimmed = title?.trim();
  if (trimmed) return trimmed;
  return (url ?? '').replace(/^https?:\/\//, '');
}

/** Whether a signal says this conversation's customer started (true) or stopped (false) typing; null: not about that. */
export function customerTypingOf(signal: RealtimeSignal, conversationId: string): boolean | null {
  if (signal.kind !== 'typing' || signal.conversationId !== conversationId || signal.by !== 'customer') return null;
  return signal.typing;
}

/** The page a signal says this conversation's visitor moved to; null when it says something else. */
export function visitorPageOf(signal: RealtimeSignal, conversationId: string): { url: string; title: string } | null {
  if (signal.kind !== 'page' || signal.conversationId !== conversationId) return null;
  return { url: signal.url, title: signal.title };
}
