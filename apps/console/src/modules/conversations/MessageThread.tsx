import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { MessageItem } from './MessageItem';
import type { MessagesLoad } from './useConversation';

interface MessageThreadProps {
  state: MessagesLoad;
  customerName: string;
  memberName: (userId: string | null) => string | undefined;
  now: Date;
  onRetry: () => void;
  /** The team's latest reply the customer has seen (chat read receipts), marked "Seen". */
  seenMessageId?: string | null;
}

/** The conversation's messages and notes, oldest first. */
export function MessageThread({ state, customerName, memberName, now, onRetry, seenMessageId = null }: MessageThreadProps) {
  const { t } = useTranslation();
  return (
    <section className="thread" aria-labelledby="thread-heading">
      <h2 id="thread-heading" className="visually-hidden">
        {t('conversations.thread.title')}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && (
        <>
          <ErrorMessage error={state.error} />
          <button type="button" className="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      )}
      {state.status === 'ready' && state.messages.length === 0 && <p className="muted">{t('conversations.thread.empty')}</p>}
      {state.status === 'ready' && state.messages.length > 0 && (
        <ol className="thread__list">
          {state.messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              customerName={customerName}
              memberName={memberName}
              now={now}
              isSeen={message.id === seenMessageId}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
