import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { systemActor, type WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { FileStore } from '../../platform/file-store.js';
import { getCustomer } from '../customers/list-customers.js';
import { touchCustomerContact } from '../customers/touch-customer-contact.js';
import { channelDriver, DeliveryFailure, type DriverEnvironment } from '../channels/channel-driver.js';
import { getChannelRow } from '../channels/channels.js';
import { deliverMessageJobName } from './create-message.js';
import * as repo from './conversations.repo.js';

/**
 * Sends a queued outbound message, with its attachments, through its channel's driver (the outbox).
 * Runs once the reply commits; a failed attempt retries with backoff (the
 * message shows the last error meanwhile), a permanent failure or the last
 * attempt marks it failed. Each attempt is recorded as begun before the
 * driver sends; one that finds an earlier attempt begun but never finished
 * (the process died between sending and recording) sends again and marks the
 * envelope `isResend`. The driver gives the message a fixed id, so that resend
 * is the same message to the recipient's mail client: delivery is at least
 * once, not exactly once. A sent message is the customer's last contact.
 */
export function deliverMessageJob(environment: DriverEnvironment) {
  const files = new FileStore(environment.config.database.dataDir);
  return defineJob({
    name: deliverMessageJobName,
    payload: z.object({ workspaceId: z.uuid(), messageId: z.uuid() }),
    maxAttempts: 8,
    async handle({ workspaceId, messageId }, context) {
      const message = await repo.findMessage(context.db, workspaceId, messageId);
      if (!message || message.delivery_status !== 'queued') {
        await context.complete(async () => undefined);
        return;
      }
      const scope: WorkspaceContext = { workspaceId, actor: systemActor, role: 'owner' };
      const conversation = (await repo.findConversation(context.db, workspaceId, message.conversation_id))!;
      const channel = await getChannelRow(context.db, workspaceId, conversation.channel_id);
      const driver = channelDriver(channel.kind);
      const customer = await getCustomer(context.db, scope, conversation.customer_id);
      const address = customer.identities.find((i) => i.kind === driver.identityKind)?.value;
      const markFailed = (code: string, error: string) =>
        context.complete(async (trx) => {
          await setDelivery(trx, workspaceId, messageId, {
            delivery_status: 'failed',
            delivery_error: `${code}: ${error}`,
            delivery_started_at: null,
          });
          await recordEvent(trx, scope, {
            name: 'message.failed',
            subjectType: 'conversation',
            subjectId: conversation.id,
            data: { messageId, code },
          });
        });
      if (!address) {
        await markFailed('no_recipient', `The customer has no ${driver.identityKind} to reply to.`);
        return;
      }
      const thread = await repo.threadIdsOf(context.db, workspaceId, conversation.id);
      const attachments = await Promise.all(
        (await repo.listAttachmentRows(context.db, workspaceId, [messageId])).map(async (attachment) => ({
          fileName: attachment.file_name,
          contentType: attachment.content_type,
          content: await files.load(attachment.storage_key),
        })),
      );
      // An attempt that began and never recorded its outcome: the process died between sending and recording, so
      // the message may have gone out. Sending again (same Message-ID) risks a copy the mail client folds into the
      // first, where not sending would risk losing the reply.
      const isResend = message.delivery_started_at !== null;
      if (isResend) context.logger.warn({ messageId }, 'an earlier delivery attempt ended without an outcome; sending again');
      // Recorded before sending, on its own (committed): the next attempt knows this one began.
      await setDelivery(context.db, workspaceId, messageId, {
        delivery_started_at: new Date(),
        delivery_attempts: context.job.attempts,
      });
      let receipt;
      try {
        receipt = await driver.send(
          {
            db: context.db,
            channel,
            conversation,
            message,
            recipient: { name: customer.displayName, address },
            earlierExternalIds: thread.ids,
            inReplyTo: thread.lastInbound,
            attachments,
          },
          environment,
        );
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (error instanceof DeliveryFailure) return markFailed(error.code, text);
        if (context.job.attempts >= context.job.max_attempts) return markFailed('delivery_failed', text);
        await setDelivery(context.db, workspaceId, messageId, {
          delivery_error: `retrying: ${text}`.slice(0, 2000),
          delivery_attempts: context.job.attempts,
          delivery_started_at: null,
        });
        throw error;
      }
      await context.complete(async (trx) => {
        // The reply reached the customer: their last contact (first: merges and erasures lock the customer first).
        await touchCustomerContact(trx, scope, { customerId: conversation.customer_id, at: new Date() });
        await setDelivery(trx, workspaceId, messageId, {
          delivery_status: 'sent',
          delivery_error: null,
          delivery_attempts: context.job.attempts,
          external_id: receipt.externalId,
          envelope: JSON.stringify(isResend ? { ...receipt.envelope, isResend: true } : receipt.envelope),
        });
        await recordEvent(trx, scope, {
          name: 'message.sent',
          subjectType: 'conversation',
          subjectId: conversation.id,
          data: { messageId },
        });
      });
    },
  });
}

async function setDelivery(
  db: Kysely<DB>,
  workspaceId: string,
  messageId: string,
  values: {
    delivery_status?: 'sent' | 'failed';
    delivery_error?: string | null;
    delivery_attempts?: number;
    delivery_started_at?: Date | null;
    external_id?: string;
    envelope?: string;
  },
): Promise<void> {
  await db.updateTable('messages').set(values).where('workspace_id', '=', workspaceId).where('id', '=', messageId).execute();
}
