import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChannelRow } from '@rapport/db';
import type { WidgetIdentity } from '@rapport/contracts';
import type { Executor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

/** A chat channel as the widget endpoints need it: the channel and its keys. */
export interface Widget {
  key: string;
  identitySecret: string;
  tokenSecret: string;
  channel: ChannelRow;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest();

/** New keys for a chat channel: a public key for the snippet, and the two secrets. */
export function newWidgetKeys(): { widgetKey: string; identitySecret: string; tokenSecret: string } {
  // The key goes into visitor tokens, which split on '.': base64url never contains one.
  return { widgetKey: `wk_${random(18)}`, identitySecret: random(32), tokenSecret: random(32) };
}

// Widget keys are read on every session and socket: a short cache spares the lookup. Changed settings reach it
// through the channel.updated event (every process's widget hub forgets the channel's entry); a deleted channel is
// seen within the minute.
const cacheMs = 60_000;
const cache = new Map<string, { widget: Widget | null; until: number }>();

/** The chat channel behind a widget key (any workspace); throws unknown_widget. */
export async function findWidget(db: Executor, key: string): Promise<Widget> {
  const now = Date.now();
  const hit = cache.get(key);
  let widget = hit && hit.until > now ? hit.widget : undefined;
  if (widget === undefined) {
    const row = await db
      .selectFrom('chat_widgets as w')
      .innerJoin('channels as c', (j) => j.onRef('c.workspace_id', '=', 'w.workspace_id').onRef('c.id', '=', 'w.channel_id'))
      .selectAll('c')
      .select(['w.widget_key', 'w.identity_secret', 'w.token_secret'])
      .where('w.widget_key', '=', key)
      .executeTakeFirst();
    widget = row
      ? {
          key: row.widget_key,
          identitySecret: row.identity_secret,
          tokenSecret: row.token_secret,
          channel: {
            workspace_id: row.workspace_id,
            id: row.id,
            kind: row.kind,
            name: row.name,
            address: row.address,
            settings: row.settings,
            team_id: row.team_id,
            created_at: row.created_at,
          },
        }
      : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { widget, until: now + cacheMs });
  }
  if (!widget) throw new AppError('unknown_widget', 'No chat widget has this key.');
  return widget;
}

/** Forgets the cached widget of a channel (its settings changed), so that the next lookup reads them anew. */
export function forgetWidgetOf(channelId: string): void {
  for (const [key, entry] of cache) if (entry.widget?.channel.id === channelId) cache.delete(key);
}

/**
 * A visitor token: `<widget key>.<visitor id>.<signature>`, signed with the
 * channel's token secret. It names the visitor and proves the server made it;
 * it holds nothing secret, and a browser keeps it in its storage.
 */
export function signVisitorToken(widget: Widget, visitorId: string): string {
  return `${widget.key}.${visitorId}.${hmac(widget.tokenSecret, `visitor:${widget.channel.id}:${visitorId}`).toString('base64url')}`;
}

/** The widget key of a token, to look the widget up before verifying it; null when the token is malformed. */
export function widgetKeyOfToken(token: string): string | null {
  const parts = token.split('.');
  return parts.length === 3 && parts[0] ? parts[0] : null;
}

/** The visitor id a token names; throws invalid_visitor_token when it is forged, damaged or for another widget. */
export function verifyVisitorToken(widget: Widget, token: string): string {
  const [key, visitorId, signature] = token.split('.');
  const invalid = new AppError('invalid_visitor_token', 'The visitor token is not valid for this widget.');
  if (key !== widget.key || !visitorId || !signature || !/^[0-9a-f-]{36}$/.test(visitorId)) throw invalid;
  // Compared as text: base64url's last character has spare bits, and decoding would accept several spellings.
  const expected = Buffer.from(hmac(widget.tokenSecret, `visitor:${widget.channel.id}:${visitorId}`).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  return visitorId;
}

/** What the host site's server signs for a signed-in user: the external id, or without one the email. */
export function signedIdentityText(identity: Pick<WidgetIdentity, 'externalId' | 'email'>): string | null {
  return identity.externalId ?? identity.email ?? null;
}

/** Checks an identity's signature (HMAC-SHA256 of its external id or email, hex); throws invalid_identity_signature. */
export function verifyIdentity(widget: Widget, identity: WidgetIdentity): void {
  const text = signedIdentityText(identity);
  const expected = text === null ? null : hmac(widget.identitySecret, text);
  const given = Buffer.from(identity.signature, 'hex');
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('invalid_identity_signature', 'The identity is not signed with this widget’s identity secret.');
}
