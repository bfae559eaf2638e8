import { formatCustomerName, type Conversation, type DraftAttachment, type Message } from '@rapport/contracts';
import type { ChannelRow, ConversationRow, DraftAttachmentRow, MessageAttachmentRow } from '@rapport/db';
import { channelDriver } from '../channels/channel-driver.js';
import type { MessageListRow } from './conversations.repo.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentConversation(
  row: ConversationRow,
  channel: Pick<ChannelRow, 'id' | 'kind' | 'name'>,
  customer: { id: string; displayName: string },
): Conversation {
  return {
    id: row.id,
    number: Number(row.number),
    channel: {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      canReply: channelDriver(channel.kind).canReply,
      canSendAttachments: channelDriver(channel.kind).canSendAttachments,
    },
    customer,
    status: row.status,
    snoozedUntil: iso(row.snoozed_until),
    priority: row.priority,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    language: row.language,
    subject: row.subject,
    summary: row.summary,
    tags: row.tags,
    dueAt: iso(row.due_at),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    lastMessageAt: row.last_message_at.toISOString(),
    customerReadMessageId: row.customer_read_message_id,
    agentReadMessageId: row.agent_read_message_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * A message as the API shows it. The text of an inbound email whose driver found quoted history under the new
 * text is also given in two parts (the whole stays in bodyText): the reply, and the history the console folds.
 * Its HTML is not needed (served apart as the message document): only the flags stored with it.
 */
export function presentMessage(row: MessageListRow, attachments: MessageAttachmentRow[]): Message {
  const quoteStart = row.body_quote_start;
  const quotedText = quoteStart === null ? '' : row.body_text.slice(quoteStart).trim();
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    authorUserId: row.author_user_id,
    bodyText: row.body_text,
    replyText: quotedText ? row.body_text.slice(0, quoteStart!).trimEnd() : row.body_text,
    quotedText: quotedText || null,
    hasHtml: row.has_html,
    hasRemoteImages: row.has_remote_images,
    hasQuotedHistory: row.has_quoted_history,
    envelope: row.envelope,
    mentions: row.mentions,
    deliveryStatus: row.delivery_status,
    deliveryError: row.delivery_error,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: Number(a.size),
      contentId: a.content_id,
    })),
    createdAt: row.created_at.toISOString(),
  };
}

/** How long an uploaded file waits to be sent before the daily cleanup may remove it. */
export const draftAttachmentHours = 24;

/** A file uploaded for a message not sent yet, with when the daily cleanup may remove it. */
export function presentDraftAttachment(row: DraftAttachmentRow): DraftAttachment {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    createdAt: row.created_at.toISOString(),
    expiresAt: new Date(row.created_at.getTime() + draftAttachmentHours * 3_600_000).toISOString(),
  };
}

/** The customer as a conversation or call names them: id and display name (else their company). */
export function customerOf(row: {
  customer_id: string;
  given_name: string | null;
  family_name: string | null;
  middle_name: string | null;
  name_order: string | null;
  customer_language: string | null;
  customer_country: string | null;
  customer_company: string | null;
}) {
  const displayName =
    formatCustomerName({
      givenName: row.given_name,
      familyName: row.family_name,
      middleName: row.middle_name,
      nameOrder: row.name_order as 'given_first' | 'family_first' | null,
      language: row.customer_language,
      country: row.customer_country,
    }) ||
    row.customer_company ||
    '';
  return { id: row.customer_id, displayName };
}
