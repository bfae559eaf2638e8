import type {
  Channel,
  Conversation,
  CreateMessageInput,
  DraftAttachment,
  Member,
  Message,
  RenderedSavedReply,
  SavedReply,
  Team,
  UpdateConversationInput,
} from '@rapport/contracts';
import { api } from '../../platform/api-client';

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The largest page the API hands out. */
export const maxPageSize = 200;

/** Follows `nextCursor` until the list ends (for short lists: members, a conversation's messages). */
async function listAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api.get<Page<T>>(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** One page of the inbox; `path` comes from `inboxListPath`. */
export function fetchConversationPage(path: string, cursor?: string): Promise<Page<Conversation>> {
  return api.get<Page<Conversation>>(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
}

/** One conversation; throws ApiError not_found. */
export function fetchConversation(conversationId: string): Promise<Conversation> {
  return api.get<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`);
}

/** Changes a conversation (status, snooze, priority, assignee, team, summary, tags …) and returns it as it is now. */
export function updateConversation(conversationId: string, input: UpdateConversationInput): Promise<Conversation> {
  return api.patch<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`, input);
}

/** Every message and note of a conversation, oldest first. */
export function fetchMessages(conversationId: string): Promise<Message[]> {
  return listAll<Message>(`/conversations/${encodeURIComponent(conversationId)}/messages?limit=${maxPageSize}`);
}

/**
 * Sends a reply to the customer or adds an internal note. `idempotencyKey` is the browser's id of this message:
 * sending it again (after a lost answer) stores it once.
 */
export function createMessage(conversationId: string, input: CreateMessageInput, idempotencyKey: string): Promise<Message> {
  return api.postOnce<Message>(`/conversations/${encodeURIComponent(conversationId)}/messages`, input, idempotencyKey);
}

/** Uploads a file to attach to a reply or note of the conversation; its id goes in `attachmentIds`. Throws ApiError. */
export function uploadAttachment(conversationId: string, file: File): Promise<DraftAttachment> {
  return api.upload<DraftAttachment>(
    `/conversations/${encodeURIComponent(conversationId)}/attachments?fileName=${encodeURIComponent(file.name)}`,
    file,
  );
}

/** Removes an uploaded file that was not sent. */
export function removeAttachment(conversationId: string, attachmentId: string): Promise<void> {
  return api.delete(`/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(attachmentId)}`);
}

/** The customer's conversations that still need something (open, pending or snoozed), soonest due first. */
export function fetchActiveConversationsOf(customerId: string): Promise<Page<Conversation>> {
  return api.get<Page<Conversation>>(
    `/conversations?view=all&status=active&customerId=${encodeURIComponent(customerId)}&limit=20`,
  );
}

/** The workspace's people (assignees, mentions). */
export function fetchMembers(): Promise<Member[]> {
  return listAll<Member>('/members?limit=100');
}

export async function fetchTeams(): Promise<Team[]> {
  return (await api.get<{ items: Team[] }>('/teams')).items;
}

export async function fetchChannels(): Promise<Channel[]> {
  return (await api.get<{ items: Channel[] }>('/channels')).items;
}

/** The workspace's saved replies, by name. */
export async function fetchSavedReplies(): Promise<SavedReply[]> {
  return (await api.get<{ items: SavedReply[] }>('/saved-replies')).items;
}

/** A saved reply made ready for a conversation: its language's text with the placeholders filled, and those left empty. */
export function renderSavedReply(conversationId: string, replyId: string): Promise<RenderedSavedReply> {
  return api.post<RenderedSavedReply>(
    `/conversations/${encodeURIComponent(conversationId)}/saved-replies/${encodeURIComponent(replyId)}/render`,
  );
}

/** The address of a message's sanitized HTML document, for a sandboxed frame. */
export function messageHtmlUrl(messageId: string, show: { showImages: boolean; showQuoted: boolean }): string {
  const query = new URLSearchParams();
  if (show.showImages) query.set('images', 'show');
  if (show.showQuoted) query.set('quoted', 'show');
  const search = query.toString();
  return `/api/v1/messages/${encodeURIComponent(messageId)}/html${search ? `?${search}` : ''}`;
}

/** The download address of an attachment (always served as a download). */
export function attachmentUrl(messageId: string, attachmentId: string): string {
  return `/api/v1/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
