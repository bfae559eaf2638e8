import type { ChatVisitorInfo, EmailTranscriptInput, TranscriptQueued } from '@rapport/contracts';
import { api } from '../../platform/api-client';

const path = (conversationId: string, rest: string) => `/conversations/${encodeURIComponent(conversationId)}/${rest}`;

/** Who is chatting in a chat conversation, their page and whether the widget is open; throws ApiError not_found. */
export function fetchVisitor(conversationId: string): Promise<ChatVisitorInfo> {
  return api.get<ChatVisitorInfo>(path(conversationId, 'visitor'));
}

/** Tells the visitor the agent is typing, or stopped. */
export async function sendTyping(conversationId: string, typing: boolean): Promise<void> {
  await api.post(path(conversationId, 'typing'), { typing });
}

/** Marks the customer's messages up to this one read by the team (the visitor sees it). */
export async function markRead(conversationId: string, upTo: string): Promise<void> {
  await api.post(path(conversationId, 'read'), { upTo });
}

/** Emails the chat so far to the customer, or to `email`; throws ApiError email_required, no_email_channel. */
export function emailTranscript(conversationId: string, input: EmailTranscriptInput): Promise<TranscriptQueued> {
  return api.post<TranscriptQueued>(path(conversationId, 'transcript'), input);
}
