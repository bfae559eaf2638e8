import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, Message } from '@rapport/contracts';
import type { PageLoad } from '../../components/PageLoadStatus';
import { ApiError } from '../../platform/api-client';
import { fetchConversation, fetchMessages } from './conversations-api';

export type ConversationLoad = PageLoad | { status: 'ready'; conversation: Conversation };
export type MessagesLoad =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; messages: Message[] };

/**
 * One conversation and its thread: loaded when the id changes, refetched
 * together by `refresh` (live updates), and updated in place after the
 * agent's own changes. Only the latest request may fill the page.
 */
export function useConversation(conversationId: string) {
  const [conversation, setConversation] = useState<ConversationLoad>({ status: 'loading' });
  const [messages, setMessages] = useState<MessagesLoad>({ status: 'loading' });
  const latest = useRef(0);

  const load = useCallback(
    async (isFirst: boolean) => {
      const request = ++latest.current;
      const [conversationResult, messagesResult] = await Promise.allSettled([
        fetchConversation(conversationId),
        fetchMessages(conversationId),
      ]);
      if (request !== latest.current) return;
      if (conversationResult.status === 'fulfilled') setConversation({ status: 'ready', conversation: conversationResult.value });
      else if (conversationResult.reason instanceof ApiError && conversationResult.reason.code === 'not_found')
        setConversation({ status: 'missing' });
      // A failed live refresh keeps what is shown; a failed first load says so.
      else if (isFirst) setConversation({ status: 'failed', error: conversationResult.reason });
      if (messagesResult.status === 'fulfilled') setMessages({ status: 'ready', messages: messagesResult.value });
      else if (isFirst) setMessages({ status: 'failed', error: messagesResult.reason });
    },
    [conversationId],
  );

  useEffect(() => {
    setConversation({ status: 'loading' });
    setMessages({ status: 'loading' });
    void load(true);
  }, [load]);

  const retry = useCallback(() => {
    setConversation({ status: 'loading' });
    setMessages({ status: 'loading' });
    void load(true);
  }, [load]);

  const refresh = useCallback(() => load(false), [load]);

  const replaceConversation = useCallback((next: Conversation) => {
    // A change of one's own outdates any refresh still on its way.
    latest.current++;
    setConversation({ status: 'ready', conversation: next });
  }, []);

  const addMessage = useCallback((message: Message) => {
    setMessages((current) =>
      current.status === 'ready' && !current.messages.some((item) => item.id === message.id)
        ? { status: 'ready', messages: [...current.messages, message] }
        : current,
    );
  }, []);

  return { conversation, messages, retry, refresh, replaceConversation, addMessage };
}
