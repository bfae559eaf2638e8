import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '@rapport/contracts';
import { useSignals } from '../../platform/useLiveEvents';
import { markRead, sendTyping } from './chat-api';
import { customerTypingOf, visitorTypingTimeoutMs } from './chat-visitor';
import { seenReplyId, unreadInboundId } from './read-receipts';
import { TypingReporter } from './typing-reporter';
import type { MessagesLoad } from './useConversation';

/** Whether this conversation's visitor is typing now: on their typing signals, cleared when they stop or go quiet. */
function useCustomerTyping(conversationId: string | null): boolean {
  const [isTyping, setTyping] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setTyping(false);
    return () => window.clearTimeout(timer.current);
  }, [conversationId]);
  useSignals(conversationId, (signal) => {
    const typing = conversationId ? customerTypingOf(signal, conversationId) : null;
    if (typing === null) return;
    window.clearTimeout(timer.current);
    setTyping(typing);
    // A lost "stopped" (the visitor closed the tab) must not leave the indicator on.
    if (typing) timer.current = window.setTimeout(() => setTyping(false), visitorTypingTimeoutMs);
  });
  return isTyping;
}

/** The agent's typing in the reply box, announced to the visitor (best effort: failures are ignored). */
function useAgentTyping(conversationId: string | null) {
  const reporter = useRef<TypingReporter | null>(null);
  useEffect(() => {
    if (!conversationId) return;
    const current = new TypingReporter({
      send: (typing) => void sendTyping(conversationId, typing).catch(() => undefined),
    });
    reporter.current = current;
    // Leaving the conversation (or the page) stops the indicator at once.
    return () => {
      current.stop();
      if (reporter.current === current) reporter.current = null;
    };
  }, [conversationId]);
  const onReplyDraft = useCallback((text: string) => {
    if (text.trim()) reporter.current?.input();
    else reporter.current?.stop();
  }, []);
  const stopTyping = useCallback(() => reporter.current?.stop(), []);
  return { onReplyDraft, stopTyping };
}

/** Marks the customer's new messages read while the agent sees them (the page is visible), once per message. */
function useMarkRead(conversation: Conversation | null, messages: MessagesLoad, isEnabled: boolean): void {
  const unread =
    isEnabled && conversation && messages.status === 'ready'
      ? unreadInboundId(messages.messages, conversation.agentReadMessageId)
      : null;
  const conversationId = conversation?.id ?? '';
  const marked = useRef<string | null>(null);
  const [isVisible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    if (!unread || !isVisible || marked.current === unread) return;
    marked.current = unread;
    // A failure is tried again with the next message or visit; the receipt is not worth an error on screen.
    markRead(conversationId, unread).catch(() => {
      if (marked.current === unread) marked.current = null;
    });
  }, [conversationId, unread, isVisible]);
}

/**
 * What a chat conversation adds to the conversation page: whether the visitor is typing, the agent's typing
 * sent from the reply box, read receipts both ways (marked when seen; "Seen" on the latest reply the visitor
 * read). For other channels it does nothing and says so with `isChat: false`.
 */
export function useChatConversation(conversation: Conversation | null, messages: MessagesLoad) {
  const isChat = conversation?.channel.kind === 'chat';
  const chatId = isChat ? conversation.id : null;
  const isCustomerTyping = useCustomerTyping(chatId);
  const { onReplyDraft, stopTyping } = useAgentTyping(chatId);
  useMarkRead(conversation, messages, isChat);
  const seenMessageId =
    isChat && messages.status === 'ready' ? seenReplyId(messages.messages, conversation.customerReadMessageId) : null;
  return { isChat, isCustomerTyping, seenMessageId, onReplyDraft, stopTyping };
}
