import type { Kysely } from 'kysely';
import type { DB, TelephonyWebhookRow } from '@rapport/db';
import type { TelephonyWebhook } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { getChannelRow } from '../channels/channels.js';
import { provisionTelephonyWebhook, rotateTelephonySecret } from '../channels/drivers/phone/telephony-webhooks.js';

function presentWebhook(row: TelephonyWebhookRow): TelephonyWebhook {
  return {
    channelId: row.channel_id,
    url: `/api/v1/telephony/${row.public_key}/calls`,
    publicKey: row.public_key,
    secret: row.secret,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    rotatedAt: row.rotated_at?.toISOString() ?? null,
  };
}

async function phoneChannel(db: Kysely<DB>, context: WorkspaceContext, channelId: string) {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins see telephony secrets.');
  const channel = await getChannelRow(db, context.workspaceId, channelId);
  if (channel.kind !== 'phone') throw new AppError('not_found', 'No such phone channel in this workspace.');
  return channel;
}

/** A phone channel's webhook URL and signing secret (owners and admins). Throws forbidden, not_found. */
export async function getTelephonyWebhook(db: Kysely<DB>, context: WorkspaceContext, channelId: string) {
  const channel = await phoneChannel(db, context, channelId);
  return presentWebhook(await provisionTelephonyWebhook(db, channel));
}

/**
 * A new signing secret for a phone channel's webhook; the previous one is
 * accepted for 24 hours more. Records `telephony_webhook.rotated` (never the
 * secret). Throws forbidden, not_found.
 */
export async function rotateTelephonyWebhook(db: Kysely<DB>, context: WorkspaceContext, channelId: string) {
  const channel = await phoneChannel(db, context, channelId);
  return db.transaction().execute(async (trx) => {
    const row = await rotateTelephonySecret(trx, channel, new Date());
    await recordEvent(trx, context, {
      name: 'telephony_webhook.rotated',
      subjectType: 'channel',
      subjectId: channel.id,
      data: {},
    });
    return presentWebhook(row);
  });
}
