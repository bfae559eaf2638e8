import type { ChannelKind } from '@rapport/contracts';
import type { ChannelRow, ConversationRow, MessageRow } from '@rapport/db';
import type { Config } from '../../platform/config.js';
import type { Executor } from '../../platform/context.js';
import type { Logger } from '../../platform/logger.js';

/** What a driver gets to send one message: the conversation, who it goes to and what it answers. */
export interface OutboundDelivery {
  /** The database, for drivers that look something up to decide how to deliver (chat: is the visitor there?). */
  db: Executor;
  channel: ChannelRow;
  conversation: ConversationRow;
  message: MessageRow;
  /** The customer's display name and their identity on this channel (an email address). */
  recipient: { name: string; address: string };
  /** The channel ids of the conversation's earlier messages, oldest first (email: Message-IDs for References). */
  earlierExternalIds: string[];
  /** The id of the latest message from the customer (email: In-Reply-To), if any. */
  inReplyTo: string | null;
  /** The files the agent attached, in the order they were uploaded (only for drivers that `canSendAttachments`). */
  attachments: OutboundAttachment[];
}

/** A file sent with a message: its safe name, MIME type and bytes. */
export interface OutboundAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** What a driver reports after sending: the channel's id of the message and what to show of it. */
export interface DeliveryReceipt {
  externalId: string;
  envelope: Record<string, unknown>;
}

export interface DriverEnvironment {
  config: Config;
  logger: Logger;
}

/**
 * A channel kind (email now; chat, Telegram, WhatsApp later). Core code calls
 * these and never branches on the kind. Inbound traffic enters through the
 * driver's own listener (SMTP server, webhook, socket), which hands a
 * normalized InboundMessage to `receiveMessage` (conversations module).
 */
export interface ChannelDriver {
  kind: ChannelKind;
  /** The customer identity kind this channel reaches people by (email: 'email'). */
  identityKind: 'email' | 'phone' | 'chat' | 'telegram' | 'whatsapp' | 'social';
  /** The channel's settings in stored form; throws validation_failed. */
  parseSettings(settings: unknown): Record<string, unknown>;
  /**
   * Whether agents can reply through the channel (a phone channel cannot: its conversations hold calls and notes).
   * The console hides the reply box when not.
   */
  canReply: boolean;
  /** Whether a reply can carry files (email's MIME attachments). When not, a reply with attachments is refused. */
  canSendAttachments: boolean;
  /**
   * Whether a reply reaches the customer as soon as it commits (the chat widget's socket receives it then): no
   * delivery job, the message is recorded sent at once. Asked just before the reply is written (a read of the conversation's own rows only); absent means never.
   */
  deliversOnCommit?(executor: Executor, conversation: Pick<ConversationRow, 'workspace_id' | 'id'>): Promise<boolean>;
  /** Sets up what a new channel of this kind needs besides its row (a chat channel's keys), in its transaction. */
  provision?(executor: Executor, channel: ChannelRow): Promise<void>;
  /** Sends one message. Throws on failure (the outbox retries with backoff); a permanent failure is a DeliveryFailure. */
  send(delivery: OutboundDelivery, environment: DriverEnvironment): Promise<DeliveryReceipt>;
}

/** A failure retrying cannot fix (no relay configured, recipient refused): the message is marked failed at once. */
export class DeliveryFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

const drivers = new Map<ChannelKind, ChannelDriver>();

/** Makes a driver available to core code. */
export function registerChannelDriver(driver: ChannelDriver): void {
  drivers.set(driver.kind, driver);
}

/** The driver of a channel kind; throws when none is registered (a programming error, not user input). */
export function channelDriver(kind: ChannelKind): ChannelDriver {
  const driver = drivers.get(kind);
  if (!driver) throw new Error(`no driver for channel kind "${kind}"`);
  return driver;
}
