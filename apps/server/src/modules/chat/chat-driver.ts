import { chatChannelSettings } from '@rapport/contracts';
import type { ChatVisitorRow } from '@rapport/db';
import { AppError } from '../../platform/errors.js';
import { channelDriver, type ChannelDriver } from '../channels/channel-driver.js';
import { findSenderChannel } from './chat-messages.js';
import { newWidgetKeys } from './widget-keys.js';
import { findVisitorOfConversation, isVisitorOnline } from './visitors.js';

/** A visitor who has left and gave an email address gets replies by email. */
function goesByEmail(visitor: ChatVisitorRow | undefined): visitor is ChatVisitorRow & { email: string } {
  return Boolean(visitor?.email) && !isVisitorOnline(visitor!, new Date());
}

/**
 * The website chat. Inbound messages arrive over the widget socket (widget-hub),
 * which hands them to the core `receiveMessage`. A reply needs no sending of its
 * own: the widget hub pushes it to the visitor's sockets as soon as it commits.
 * A visitor who has left and gave an email address (the offline form) gets the
 * reply by email instead, through the workspace's email channel, and the
 * conversation continues there.
 */
export const chatDriver: ChannelDriver = {
  kind: 'chat',
  identityKind: 'chat',
  canReply: true,
  // The widget's messages carry text only (no link a visitor could download a file by): replies take no files.
  canSendAttachments: false,

  parseSettings(settings) {
    const parsed = chatChannelSettings.safeParse(settings ?? {});
    if (!parsed.success)
      throw new AppError('validation_failed', 'Invalid chat channel settings.', {
        issues: parsed.error.issues.map((issue) => ({
          path: ['settings', ...issue.path.map(String)],
          code: issue.code,
          message: issue.message,
          in: 'body',
        })),
      });
    return parsed.data;
  },

  async provision(executor, channel) {
    const keys = newWidgetKeys();
    await executor
      .insertInto('chat_widgets')
      .values({
        workspace_id: channel.workspace_id,
        channel_id: channel.id,
        widget_key: keys.widgetKey,
        identity_secret: keys.identitySecret,
        token_secret: keys.tokenSecret,
      })
      .execute();
  },

  // The widget hub pushes a committed reply to the visitor's sockets: only a reply that goes by email needs sending.
  async deliversOnCommit(executor, conversation) {
    return !goesByEmail(await findVisitorOfConversation(executor, conversation.workspace_id, conversation.id));
  },

  async send(delivery, environment) {
    const { db, conversation, message } = delivery;
    const visitor = await findVisitorOfConversation(db, conversation.workspace_id, conversation.id);
    if (visitor && goesByEmail(visitor)) {
      const emailChannel = await findSenderChannel(db, conversation.workspace_id);
      if (emailChannel) {
        const receipt = await channelDriver('email').send(
          {
            ...delivery,
            channel: emailChannel,
            recipient: { name: delivery.recipient.name, address: visitor.email },
            // The chat's ids are not Message-IDs; the email starts the thread that replies come back on.
            earlierExternalIds: [],
            inReplyTo: null,
          },
          environment,
        );
        return { externalId: receipt.externalId, envelope: { ...receipt.envelope, via: 'email' } };
      }
    }
    return { externalId: `chat-out:${message.id}`, envelope: { via: 'widget' } };
  },
};
