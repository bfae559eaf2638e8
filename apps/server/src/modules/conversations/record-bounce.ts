import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { systemActor } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import type { ReceivedMessage } from './receive-message.js';

/**
 * A bounce of one of our outbound messages (its channel id among
 * `externalIds`): marks that message failed with the reason and records
 * `message.failed`, instead of filing the bounce as mail from a new
 * "customer". Returns where it belongs, or null when no outbound message of
 * the workspace matches (the bounce is then filed like other automated mail).
 */
export async function recordBounce(
  db: Kysely<DB>,
  workspaceId: string,
  externalIds: string[],
  reason: string,
): Promise<ReceivedMessage | null> {
  if (externalIds.length === 0) return null;
  return db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom('messages as m')
      .innerJoin('conversations as c', (j) =>
        j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.conversation_id'),
      )
      .select(['m.id', 'm.conversation_id', 'm.delivery_status', 'c.number'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.direction', '=', 'outbound')
      .where('m.external_id', 'in', externalIds)
      .forUpdate()
      .executeTakeFirst();
    if (!message) return null;
    const error = `bounced: ${reason}`.slice(0, 2000);
    if (message.delivery_status !== 'failed') {
      await trx
        .updateTable('messages')
        .set({ delivery_status: 'failed', delivery_error: error })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', message.id)
        .execute();
      await recordEvent(
        trx,
        { workspaceId, actor: systemActor },
        {
          name: 'message.failed',
          subjectType: 'conversation',
          subjectId: message.conversation_id,
          data: { messageId: message.id, code: 'bounced' },
        },
      );
    }
    return {
      conversationId: message.conversation_id,
      conversationNumber: Number(message.number),
      messageId: message.id,
      isNewConversation: false,
      isDuplicate: message.delivery_status === 'failed',
    };
  });
}
