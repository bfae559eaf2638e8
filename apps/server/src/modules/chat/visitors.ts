import type { Kysely } from 'kysely';
import { isUniqueViolation, type ChatVisitorRow, type DB } from '@rapport/db';
import {
  chatChannelSettings,
  languageTag,
  timeZone,
  type ChatVisitorInfo,
  type WidgetSessionInput,
  type WidgetVisitor,
} from '@rapport/contracts';
import { systemActor, type Executor, type WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createCustomer } from '../customers/create-customer.js';
import { findCustomerByIdentity } from '../customers/list-customers.js';
import { addCustomerIdentity, updateCustomer } from '../customers/update-customer.js';
import { findWidget, signVisitorToken, verifyIdentity, verifyVisitorToken, type Widget } from './widget-keys.js';

/** A visitor counts as there while a widget socket of theirs refreshes `last_seen_at` (every 30 s). */
const onlineWindowMs = 75_000;

export function isVisitorOnline(visitor: Pick<ChatVisitorRow, 'last_seen_at'>, now: Date): boolean {
  return now.getTime() - visitor.last_seen_at.getTime() < onlineWindowMs;
}

/**
 * Whether the visitor may write: the channel does not require the pre-chat form, or they have given what it asks
 * (an email; the name is optional), in the form or as a signed-in user whose verified identity carries one.
 */
export function hasRequiredContact(widget: Widget, visitor: Pick<ChatVisitorRow, 'email'>): boolean {
  return visitor.email !== null || chatChannelSettings.parse(widget.channel.settings).preChatForm !== 'required';
}

/** The customer identity a visitor is known by on the chat channel. */
export function chatIdentityOf(visitorId: string): string {
  return `visitor:${visitorId}`;
}

export function presentVisitor(row: ChatVisitorRow): WidgetVisitor {
  return { id: row.id, name: row.name, email: row.email, identified: row.external_user_id !== null };
}

export function presentVisitorInfo(row: ChatVisitorRow, now: Date): ChatVisitorInfo {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    timeZone: row.time_zone,
    pageUrl: row.page_url,
    pageTitle: row.page_title,
    online: isVisitorOnline(row, now),
    lastSeenAt: row.last_seen_at.toISOString(),
  };
}

export async function findVisitor(db: Executor, workspaceId: string, visitorId: string): Promise<ChatVisitorRow | undefined> {
  return db
    .selectFrom('chat_visitors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', visitorId)
    .executeTakeFirst();
}

/** The visitor whose widget shows a conversation (the latest one to, if several). */
export async function findVisitorOfConversation(
  db: Executor,
  workspaceId: string,
  conversationId: string,
): Promise<ChatVisitorRow | undefined> {
  return db
    .selectFrom('chat_visitors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** `GET /conversations/{id}/visitor`: throws not_found when the conversation has no chat visitor. */
export async function getConversationVisitor(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
): Promise<ChatVisitorInfo> {
  const visitor = await findVisitorOfConversation(db, context.workspaceId, conversationId);
  if (!visitor) throw new AppError('not_found', 'No chat visitor belongs to this conversation.');
  return presentVisitorInfo(visitor, new Date());
}

export interface SessionRequest extends WidgetSessionInput {
  userAgent: string | null;
}

/**
 * Starts or resumes a visitor (`POST /widget/sessions`). A signed identity
 * names the same visitor on every device (and joins the customer with that
 * email); a valid token resumes its visitor; else a new anonymous visitor.
 * Throws unknown_widget, invalid_identity_signature, invalid_visitor_token.
 */
export async function startSession(
  db: Kysely<DB>,
  input: SessionRequest,
): Promise<{ widget: Widget; visitor: ChatVisitorRow; visitorToken: string }> {
  const widget = await findWidget(db, input.key);
  const workspaceId = widget.channel.workspace_id;
  const details = {
    ...(input.language && languageTag.safeParse(input.language).success ? { language: input.language } : {}),
    ...(input.timeZone && timeZone.safeParse(input.timeZone).success ? { time_zone: input.timeZone } : {}),
    ...(input.page ? { page_url: input.page.url, page_title: input.page.title } : {}),
    ...(input.userAgent ? { user_agent: input.userAgent.slice(0, 400) } : {}),
    last_seen_at: new Date(),
  };
  let visitor: ChatVisitorRow | undefined;
  if (input.identity) {
    verifyIdentity(widget, input.identity);
    visitor = await identifiedVisitor(db, widget, input.identity, details);
  } else if (input.visitorToken) {
    const visitorId = verifyVisitorToken(widget, input.visitorToken);
    visitor = await db
      .updateTable('chat_visitors')
      .set(details)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', visitorId)
      .where('channel_id', '=', widget.channel.id)
      .returningAll()
      .executeTakeFirst();
    // Signed by us, but the visitor is gone (erased with their customer): the browser starts afresh.
    if (!visitor) throw new AppError('invalid_visitor_token', 'The visitor token names no visitor any more.');
  } else {
    visitor = await db
      .insertInto('chat_visitors')
      .values({ workspace_id: workspaceId, id: newId(), channel_id: widget.channel.id, ...details })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return { widget, visitor, visitorToken: signVisitorToken(widget, visitor.id) };
}

async function identifiedVisitor(
  db: Kysely<DB>,
  widget: Widget,
  identity: NonNullable<WidgetSessionInput['identity']>,
  details: Partial<ChatVisitorRow>,
): Promise<ChatVisitorRow> {
  const workspaceId = widget.channel.workspace_id;
  const externalId = identity.externalId ?? `email:${identity.email!.toLowerCase()}`;
  const values = {
    ...details,
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.email ? { email: identity.email.toLowerCase() } : {}),
  };
  const update = () =>
    db
      .updateTable('chat_visitors')
      .set(values)
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', widget.channel.id)
      .where('external_user_id', '=', externalId)
      .returningAll()
      .executeTakeFirst();
  let visitor = await update();
  if (!visitor) {
    try {
      visitor = await db
        .insertInto('chat_visitors')
        .values({
          workspace_id: workspaceId,
          id: newId(),
          channel_id: widget.channel.id,
          external_user_id: externalId,
          ...values,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      // The same user opened two tabs at once: one insert won.
      if (!isUniqueViolation(error)) throw error;
      visitor = (await update())!;
    }
  }
  // A verified email joins the customer who has it: the site vouched for it.
  if (!visitor.customer_id && identity.email) {
    const context: WorkspaceContext = { workspaceId, actor: systemActor, role: 'owner' };
    const customer = await findCustomerByIdentity(db, context, 'email', identity.email).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (customer) {
      await addIdentityIfFree(db, context, customer.id, { kind: 'chat', value: chatIdentityOf(visitor.id) });
      visitor = await setVisitorCustomer(db, visitor, customer.id);
    }
  }
  return visitor;
}

async function setVisitorCustomer(db: Executor, visitor: ChatVisitorRow, customerId: string): Promise<ChatVisitorRow> {
  return db
    .updateTable('chat_visitors')
    .set({ customer_id: customerId })
    .where('workspace_id', '=', visitor.workspace_id)
    .where('id', '=', visitor.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds an identity unless someone has it already (then the customer simply goes without). */
async function addIdentityIfFree(
  db: Kysely<DB>,
  context: WorkspaceContext,
  customerId: string,
  identity: { kind: 'chat' | 'email'; value: string },
): Promise<void> {
  try {
    await addCustomerIdentity(db, context, customerId, identity);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'identity_taken')) throw error;
  }
}

/**
 * The customer a visitor writes as: theirs, or a new one with the chat
 * identity (named and with the email they gave, when that email is nobody
 * else's: an unverified email never joins an existing customer).
 */
export async function ensureVisitorCustomer(db: Kysely<DB>, visitor: ChatVisitorRow): Promise<ChatVisitorRow> {
  if (visitor.customer_id) return visitor;
  const context: WorkspaceContext = { workspaceId: visitor.workspace_id, actor: systemActor, role: 'owner' };
  const identity = { kind: 'chat' as const, value: chatIdentityOf(visitor.id) };
  let customerId: string;
  try {
    customerId = (await findCustomerByIdentity(db, context, identity.kind, identity.value)).id;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    const emailFree =
      visitor.email !== null &&
      !(await db
        .selectFrom('customer_identities')
        .select('id')
        .where('workspace_id', '=', visitor.workspace_id)
        .where('kind', '=', 'email')
        .where('value', '=', visitor.email)
        .executeTakeFirst());
    try {
      customerId = (
        await createCustomer(db, context, {
          givenName: visitor.name,
          identities: [identity, ...(emailFree ? [{ kind: 'email' as const, value: visitor.email! }] : [])],
          ...(visitor.language ? { language: visitor.language } : {}),
          ...(visitor.time_zone ? { timeZone: visitor.time_zone } : {}),
        })
      ).id;
    } catch (createError) {
      // Two first messages at once: the other created the customer.
      if (!(createError instanceof AppError && createError.code === 'identity_taken')) throw createError;
      customerId = (await findCustomerByIdentity(db, context, identity.kind, identity.value)).id;
    }
  }
  return setVisitorCustomer(db, visitor, customerId);
}

/** The pre-chat or offline form: how to reach the visitor by email. The customer gets the email when nobody has it. */
export async function saveVisitorContact(
  db: Kysely<DB>,
  visitor: ChatVisitorRow,
  contact: { email: string; name?: string | undefined },
): Promise<ChatVisitorRow> {
  const email = contact.email.toLowerCase();
  let row = await db
    .updateTable('chat_visitors')
    .set({ email, ...(contact.name ? { name: contact.name } : {}) })
    .where('workspace_id', '=', visitor.workspace_id)
    .where('id', '=', visitor.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const hadCustomer = row.customer_id !== null;
  row = await ensureVisitorCustomer(db, row);
  const context: WorkspaceContext = { workspaceId: row.workspace_id, actor: systemActor, role: 'owner' };
  await addIdentityIfFree(db, context, row.customer_id!, { kind: 'email', value: email });
  // A customer made earlier without a name takes the one the form gave; a known name is never overwritten.
  if (contact.name && hadCustomer) {
    const customer = await db
      .selectFrom('customers')
      .select(['given_name', 'family_name'])
      .where('workspace_id', '=', row.workspace_id)
      .where('id', '=', row.customer_id!)
      .executeTakeFirst();
    if (customer && customer.given_name === null && customer.family_name === null)
      await updateCustomer(db, context, row.customer_id!, { givenName: contact.name });
  }
  return row;
}
