import type { WidgetSession, WidgetSessionInput } from '@rapport/contracts';
import { WidgetHttpError, type WidgetApi } from './api';

/**
 * Starting or resuming the visitor: one `POST /widget/sessions`, recovering from the two refusals the widget can
 * fix by itself. A refused token (forged, expired, another widget's) is dropped for a new visitor; a refused
 * identity signature (the site's server signed with an old secret) falls back to an anonymous visitor rather than
 * no chat at all.
 */

export type SessionOutcome =
  | { kind: 'ready'; session: WidgetSession; identityRefused: boolean }
  /** The key names no chat channel, or this site may not embed it: nothing the visitor can do. */
  | { kind: 'unavailable' };

/** Resolves with the outcome; rejects only for errors worth retrying later (network, 5xx, 429). */
export async function openSession(api: Pick<WidgetApi, 'createSession'>, input: WidgetSessionInput): Promise<SessionOutcome> {
  let attempt: WidgetSessionInput = input;
  let identityRefused = false;
  // At most three tries: as given, without the token, without the identity.
  for (let tries = 0; tries < 3; tries++) {
    try {
      return { kind: 'ready', session: await api.createSession(attempt), identityRefused };
    } catch (error) {
      if (!(error instanceof WidgetHttpError)) throw error;
      if (error.code === 'invalid_visitor_token' && attempt.visitorToken !== undefined) {
        attempt = withoutKey(attempt, 'visitorToken');
      } else if (error.code === 'invalid_identity_signature' && attempt.identity !== undefined) {
        attempt = withoutKey(attempt, 'identity');
        identityRefused = true;
      } else if (error.code === 'unknown_widget' || error.isPermanent) {
        return { kind: 'unavailable' };
      } else {
        throw error;
      }
    }
  }
  return { kind: 'unavailable' };
}

function withoutKey<K extends keyof WidgetSessionInput>(input: WidgetSessionInput, key: K): WidgetSessionInput {
  const copy = { ...input };
  delete copy[key];
  return copy;
}
