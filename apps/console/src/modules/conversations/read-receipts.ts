import type { Message } from '@rapport/contracts';

/**
 * The team's latest message the customer has seen, to mark "Seen": the last reply at or before the one their
 * read receipt names (they read up to it, so every earlier reply too). Null when they have read none of the
 * messages shown.
 */
export function seenReplyId(messages: readonly Message[], customerReadMessageId: string | null): string | null {
  if (!customerReadMessageId) return null;
  const upTo = messages.findIndex((message) => message.id === customerReadMessageId);
  for (let index = upTo; index >= 0; index--) {
    const message = messages[index];
    if (message?.direction === 'outbound') return message.id;
  }
  return null;
}

/**
 * The customer's latest message when the team has not read up to it yet (to mark read), or null when there is
 * nothing new: no message from the customer, or the team's read receipt names it or a later message.
 */
export function unreadInboundId(messages: readonly Message[], agentReadMessageId: string | null): string | null {
  let lastInbound = -1;
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]?.direction === 'inbound') {
      lastInbound = index;
      break;
    }
  }
  if (lastInbound < 0) return null;
  const readAt = agentReadMessageId ? messages.findIndex((message) => message.id === agentReadMessageId) : -1;
  return readAt >= lastInbound ? null : (messages[lastInbound]?.id ?? null);
}
