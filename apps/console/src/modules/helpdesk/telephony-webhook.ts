import type { TelephonyWebhook } from '@rapport/contracts';
import { api } from '../../platform/api-client';

const webhookPath = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/telephony-webhook`;

/** A phone channel's webhook address and signing secret (owners and admins); made on first ask. */
export function fetchTelephonyWebhook(channelId: string): Promise<TelephonyWebhook> {
  return api.get<TelephonyWebhook>(webhookPath(channelId));
}

/** A new signing secret; the previous one is accepted for 24 hours more. */
export function rotateTelephonyWebhook(channelId: string): Promise<TelephonyWebhook> {
  return api.post<TelephonyWebhook>(`${webhookPath(channelId)}/rotate`, {});
}

/** The full address a telephony system posts to: the server gives the path, under the address the console runs at. */
export function webhookAddress(path: string, origin: string): string {
  return new URL(path, origin).href;
}

/** When the secret before the last rotation stops working, if it still works at `now`. */
export function previousSecretUntil(webhook: TelephonyWebhook, now: Date): string | null {
  const until = webhook.previousSecretExpiresAt;
  return until && new Date(until).getTime() > now.getTime() ? until : null;
}
