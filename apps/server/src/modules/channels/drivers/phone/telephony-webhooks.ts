import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ChannelRow, TelephonyWebhookRow } from '@rapport/db';
import type { Executor } from '../../../../platform/context.js';

/** How long the previous secret is still accepted after a rotation (to switch the telephony system over). */
export const previousSecretHours = 24;

const newPublicKey = () => `tel_${randomBytes(18).toString('base64url')}`;
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** Gives a phone channel its webhook key and secret (in the transaction that creates the channel). */
export async function provisionTelephonyWebhook(
  executor: Executor,
  channel: Pick<ChannelRow, 'workspace_id' | 'id'>,
): Promise<TelephonyWebhookRow> {
  await executor
    .insertInto('telephony_webhooks')
    .values({ workspace_id: channel.workspace_id, channel_id: channel.id, public_key: newPublicKey(), secret: newSecret() })
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .execute();
  return executor
    .selectFrom('telephony_webhooks')
    .selectAll()
    .where('workspace_id', '=', channel.workspace_id)
    .where('channel_id', '=', channel.id)
    .executeTakeFirstOrThrow();
}

/** The webhook (and its channel's workspace) of a public key, in any workspace; undefined when none. */
export async function findTelephonyWebhookByKey(executor: Executor, publicKey: string) {
  return executor.selectFrom('telephony_webhooks').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
}

/** A new secret for the channel's webhook; the old one stays valid for `previousSecretHours`. */
export async function rotateTelephonySecret(
  executor: Executor,
  channel: Pick<ChannelRow, 'workspace_id' | 'id'>,
  now: Date,
): Promise<TelephonyWebhookRow> {
  await provisionTelephonyWebhook(executor, channel);
  return executor
    .updateTable('telephony_webhooks')
    .set({
      previous_secret: sql<string>`secret`,
      previous_secret_expires_at: new Date(now.getTime() + previousSecretHours * 3600_000),
      secret: newSecret(),
      rotated_at: now,
    })
    .where('workspace_id', '=', channel.workspace_id)
    .where('channel_id', '=', channel.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The secrets a request may be signed with now: the current one, and the previous one until it expires. */
export function acceptedSecrets(webhook: TelephonyWebhookRow, now: Date): string[] {
  const secrets = [webhook.secret];
  if (webhook.previous_secret && webhook.previous_secret_expires_at && webhook.previous_secret_expires_at > now)
    secrets.push(webhook.previous_secret);
  return secrets;
}
