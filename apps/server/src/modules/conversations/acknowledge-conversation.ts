import { emailChannelSettings, type Customer } from '@rapport/contracts';
import type { ChannelRow, ConversationRow } from '@rapport/db';
import type { Executor } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { queueDelivery } from './create-message.js';
import { fillPlaceholders, pickVariant } from './saved-replies.js';

/** "Tuesday, 1 December, 09:30 GMT+1" in the customer's language and time zone. */
export function formatExpectedBy(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/**
 * Sends the channel's automatic acknowledgement of a new conversation, if it
 * has one: the variant in the customer's language (else the workspace's),
 * telling them when to expect an answer in their own time zone. Written with
 * its delivery job in the caller's transaction; marked automatic, so that the
 * email carries Auto-Submitted and never starts a loop with another robot.
 * Returns the message id, or null when nothing is sent.
 */
export async function acknowledgeConversation(
  db: Executor,
  options: {
    channel: ChannelRow;
    conversation: ConversationRow;
    customer: Customer;
    workspace: { defaultLocale: string; timeZone: string };
    now: Date;
  },
): Promise<string | null> {
  const settings = emailChannelSettings.safeParse(options.channel.settings).data?.autoAcknowledgement;
  if (!settings?.enabled || Object.keys(settings.variants).length === 0) return null;
  const { conversation, customer, workspace } = options;
  const [language, text] = pickVariant(settings.variants, [conversation.language, customer.language, workspace.defaultLocale]);
  const { body } = fillPlaceholders(text, {
    'customer.name': customer.displayName || null,
    'customer.givenName': customer.givenName,
    'customer.familyName': customer.familyName,
    'customer.company': customer.company,
    'agent.name': null,
    'conversation.number': String(conversation.number),
    'answer.expectedBy': conversation.due_at
      ? formatExpectedBy(
          conversation.first_response_due_at ?? conversation.due_at,
          language,
          customer.timeZone ?? workspace.timeZone,
        )
      : null,
  });
  const id = newId();
  await db
    .insertInto('messages')
    .values({
      workspace_id: conversation.workspace_id,
      id,
      conversation_id: conversation.id,
      direction: 'outbound',
      body_text: body,
      envelope: JSON.stringify({ automatic: true, language }),
      delivery_status: 'queued',
      created_at: options.now,
    })
    .execute();
  await queueDelivery(db, conversation.workspace_id, id);
  return id;
}
