import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { chatChannelSettings, type ChatWidgetSetup, type WidgetAvailability, type WidgetConfig } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { supportedLocaleOf } from '../../platform/server-texts.js';
import { getChannelRow } from '../channels/channels.js';
import type { Widget } from './widget-keys.js';

/** The text for a language among per-language variants: exact tag, its base language, English, else the first. */
export function pickVariant(variants: Record<string, string>, language: string | null): string | null {
  const tag = language?.toLowerCase() ?? '';
  const base = tag.split(/[-_]/)[0] ?? '';
  const keys = Object.keys(variants);
  const key =
    keys.find((k) => k.toLowerCase() === tag) ??
    keys.find((k) => k.toLowerCase().split('-')[0] === base) ??
    keys.find((k) => k === 'en') ??
    keys[0];
  return key !== undefined ? (variants[key] ?? null) : null;
}

/** `GET /widget/config`: how the widget looks and greets the visitor, in their language. */
export function widgetConfigFor(widget: Widget, language: string | null, availability: WidgetAvailability): WidgetConfig {
  const settings = chatChannelSettings.parse(widget.channel.settings);
  return {
    name: widget.channel.name,
    colour: settings.colour,
    position: settings.position,
    locale: supportedLocaleOf(language),
    greeting: pickVariant(settings.greetings, language),
    offlineMessage: pickVariant(settings.offlineMessages, language),
    preChatForm: settings.preChatForm,
    availability,
  };
}

/** The snippet and keys of a chat channel (owners and admins); not_found for another kind of channel. */
export async function widgetSetup(
  db: Kysely<DB>,
  context: WorkspaceContext,
  channelId: string,
  publicUrl: string,
): Promise<ChatWidgetSetup> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins see a widget’s keys.');
  const channel = await getChannelRow(db, context.workspaceId, channelId);
  const keys = await db
    .selectFrom('chat_widgets')
    .select(['widget_key', 'identity_secret'])
    .where('workspace_id', '=', context.workspaceId)
    .where('channel_id', '=', channel.id)
    .executeTakeFirst();
  if (!keys) throw new AppError('not_found', 'This channel is not a website chat.');
  return {
    widgetKey: keys.widget_key,
    identitySecret: keys.identity_secret,
    snippet: `<script src="${publicUrl}/widget.js" data-key="${keys.widget_key}" async></script>`,
  };
}
