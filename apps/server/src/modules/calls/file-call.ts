import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CallRow, ChannelRow, DB } from '@rapport/db';
import type { Customer } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { parsePhone } from '../customers/identities.js';
import { createCustomer } from '../customers/create-customer.js';
import { findCustomerByIdentity, getCustomer } from '../customers/list-customers.js';
import { touchCustomerContact } from '../customers/touch-customer-contact.js';
import { getConversation } from '../conversations/list-conversations.js';
import { nextConversationNumber } from '../conversations/conversations.repo.js';
import { ensurePhoneChannel } from '../channels/drivers/phone/phone-channel.js';
import * as repo from './calls.repo.js';

/** A call to file, as an agent logs it or a telephony system reports it. */
export interface CallToFile {
  direction: CallRow['direction'];
  /** The customer's number in any format. */
  phoneNumber: string;
  startedAt: Date;
  endedAt?: Date | null | undefined;
  durationSeconds?: number | null | undefined;
  outcome?: CallRow['outcome'] | undefined;
  notes?: string | undefined;
  customerId?: string | undefined;
  conversationId?: string | undefined;
  /** The channel of a new conversation (a webhook's); default: the workspace's phone channel, made when none. */
  channel?: ChannelRow | undefined;
  agentUserId: string | null;
  externalId?: string | null | undefined;
}

/** A number's stored form: E.164 when it can be read (national numbers in the workspace's country), else as given. */
export function normalizeCallNumber(value: string, country: string | null | undefined): string {
  return parsePhone(value, country)?.number ?? value.trim();
}

/**
 * Files a call: finds its customer (given, the conversation's, the one with
 * this phone number in any format, else a new customer with it) and its
 * conversation (given, else a new one in the phone channel, created when the
 * workspace has none), then writes the call, the conversation's
 * last_message_at, the customer's last contact and `call.logged` (plus
 * `conversation.created`) in one transaction. Returns the call's id. Throws not_found (customer,
 * conversation), validation_failed (a conversation of another customer; an
 * unknown number that is not a valid phone number) and the database's unique
 * violation for a second call with the same external id.
 */
export async function fileCall(db: Kysely<DB>, context: WorkspaceContext, call: CallToFile): Promise<string> {
  checkTimes(call.startedAt, call.endedAt ?? null, 'endedAt');
  const workspace = await findWorkspace(db, context.workspaceId);
  const phoneNumber = normalizeCallNumber(call.phoneNumber, workspace?.country);
  const conversation = call.conversationId ? await getConversation(db, context, call.conversationId) : undefined;
  let customer: Customer | undefined = call.customerId ? await getCustomer(db, context, call.customerId) : undefined;
  if (conversation && customer && conversation.customer.id !== customer.id)
    throw invalid(['conversationId'], 'other_customer', 'The conversation is another customer’s.');
  customer ??= conversation
    ? await getCustomer(db, context, conversation.customer.id)
    : await findOrCreateCaller(db, context, call.phoneNumber, phoneNumber);
  const customerId = customer.id;
  const language = customer.language;

  return db.transaction().execute(async (trx) => {
    const now = new Date();
    // The customer's last contact: when the call started (never later than now). First: merges lock the customer first.
    const contactAt = new Date(Math.min(call.startedAt.getTime(), now.getTime()));
    await touchCustomerContact(trx, context, { customerId, at: contactAt });
    let conversationId = conversation?.id;
    if (conversationId) {
      // Also locks the conversation: changes to it queue behind each other.
      await trx
        .updateTable('conversations')
        .set({ last_message_at: now, updated_at: now })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
    } else {
      conversationId = await openPhoneConversation(trx, context, {
        channel: call.channel ?? (await ensurePhoneChannel(trx, context)),
        customerId,
        language,
        subject: parsePhone(phoneNumber)?.formatInternational() ?? phoneNumber,
        assigneeId: call.agentUserId,
        firstResponseAt: call.agentUserId ? call.startedAt : null,
        now,
      });
    }
    const id = newId();
    const endedAt = call.endedAt ?? null;
    await repo.insertCall(trx, {
      workspace_id: context.workspaceId,
      id,
      conversation_id: conversationId,
      customer_id: customerId,
      direction: call.direction,
      phone_number: phoneNumber,
      started_at: call.startedAt,
      ended_at: endedAt,
      duration_seconds: call.durationSeconds ?? (endedAt ? secondsBetween(call.startedAt, endedAt) : null),
      outcome: call.outcome ?? null,
      notes: call.notes ?? '',
      notes_saved_at: call.notes ? now : null,
      agent_user_id: call.agentUserId,
      external_id: call.externalId ?? null,
    });
    // Call events are about the conversation (as message events are): they go with it, and its watchers see them.
    await recordEvent(trx, context, {
      name: 'call.logged',
      subjectType: 'conversation',
      subjectId: conversationId,
      data: { callId: id, customerId, direction: call.direction, source: call.externalId ? 'telephony' : 'agent' },
    });
    return id;
  });
}

async function openPhoneConversation(
  trx: Executor,
  context: WorkspaceContext,
  options: {
    channel: ChannelRow;
    customerId: string;
    language: string | null;
    subject: string;
    assigneeId: string | null;
    firstResponseAt: Date | null;
    now: Date;
  },
): Promise<string> {
  const { channel, now } = options;
  const row = await trx
    .insertInto('conversations')
    .values({
      workspace_id: context.workspaceId,
      id: newId(),
      number: await nextConversationNumber(trx, context.workspaceId),
      channel_id: channel.id,
      customer_id: options.customerId,
      assignee_id: options.assigneeId,
      team_id: channel.team_id,
      language: options.language,
      // The number in international form: the same in every language.
      subject: options.subject,
      reply_token: randomBytes(6)
        .toString('base64url')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x'),
      first_response_at: options.firstResponseAt,
      last_message_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await recordEvent(trx, context, {
    name: 'conversation.created',
    subjectType: 'conversation',
    subjectId: row.id,
    data: { number: Number(row.number), channelId: channel.id, customerId: options.customerId },
  });
  return row.id;
}

/** The customer with this phone number (any format), or a new customer with it. */
async function findOrCreateCaller(db: Kysely<DB>, context: WorkspaceContext, given: string, phoneNumber: string) {
  try {
    return await findCustomerByIdentity(db, context, 'phone', given);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
  }
  if (!phoneNumber.startsWith('+') || !parsePhone(phoneNumber))
    throw invalid(['phoneNumber'], 'invalid_phone', `"${given}" is not a valid phone number: choose the customer.`);
  try {
    return await createCustomer(db, context, { identities: [{ kind: 'phone', value: phoneNumber }] });
  } catch (error) {
    // Another call from the same new number created them meanwhile.
    if (error instanceof AppError && error.code === 'identity_taken')
      return findCustomerByIdentity(db, context, 'phone', phoneNumber);
    throw error;
  }
}

/** Whole seconds from start to end. */
export function secondsBetween(start: Date, end: Date): number {
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000));
}

/** Throws validation_failed when the end is before the start. */
export function checkTimes(startedAt: Date, endedAt: Date | null, path: string): void {
  if (endedAt && endedAt < startedAt) throw invalid([path], 'before_start', 'A call cannot end before it starts.');
}

export function invalid(path: string[], code: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, code, message, in: 'body' }] });
}
