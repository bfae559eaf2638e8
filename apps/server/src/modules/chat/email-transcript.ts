import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { EmailTranscriptInput, TranscriptQueued } from '@rapport/contracts';
import type { WorkspaceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getConversation } from '../conversations/list-conversations.js';
import { getCustomer } from '../customers/list-customers.js';
import { findSenderChannel, queueTranscript } from './chat-messages.js';
import { findVisitorOfConversation } from './visitors.js';

/**
 * `POST /conversations/{id}/transcript`: an agent emails a chat to the
 * customer, or to the address given; the same transcript a visitor asks for
 * in the widget (every message until now, never internal notes). Without an
 * address given it goes to the customer's email, else to the one the visitor
 * left in the chat. Throws not_found, not_a_chat_conversation,
 * email_required, no_email_channel.
 */
export async function emailTranscript(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  input: EmailTranscriptInput,
): Promise<TranscriptQueued> {
  const conversation = await getConversation(db, context, conversationId);
  if (conversation.channel.kind !== 'chat')
    throw new AppError('not_a_chat_conversation', 'Only a website chat has a transcript to email.');
  const visitor = await findVisitorOfConversation(db, context.workspaceId, conversation.id);
  const customer = await getCustomer(db, context, conversation.customer.id);
  const email =
    input.email?.toLowerCase() ?? customer.identities.find((identity) => identity.kind === 'email')?.value ?? visitor?.email;
  if (!email)
    throw new AppError('email_required', 'The customer has no email address: give the address to send the transcript to.');
  if (!(await findSenderChannel(db, context.workspaceId))?.address)
    throw new AppError('no_email_channel', 'Add an email channel first: transcripts are sent from its address.');
  return queueTranscript(db, {
    workspaceId: context.workspaceId,
    conversationId: conversation.id,
    visitorId: visitor?.id ?? null,
    email,
  });
}
