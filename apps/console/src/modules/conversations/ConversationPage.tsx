import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Conversation, UpdateConversationInput } from '@rapport/contracts';
import { useMe } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageLoadStatus } from '../../components/PageLoadStatus';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { Composer, type ComposerMode } from './Composer';
import { ConversationHeader, isFinished } from './ConversationHeader';
import { createMessage, updateConversation } from './conversations-api';
import './conversations.css';
import { CustomerPanel } from './CustomerPanel';
import { customerLabel, priorityKey, statusKey } from './labels';
import { MessageThread } from './MessageThread';
import { useShortcuts, type ShortcutAction } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SummaryEditor } from './SummaryEditor';
import { TypingIndicator } from './TypingIndicator';
import { useChatConversation } from './useChatConversation';
import { useConversation } from './useConversation';
import { useDirectory } from './useDirectory';
import { useLiveRefresh } from './useLiveRefresh';
import { VisitorPanel } from './VisitorPanel';
import { ConversationCalls } from '../calls/ConversationCalls';

/** The inbox address the page was opened from, so "back" returns to the same view. */
function inboxPathOf(state: unknown): string {
  const search = (state as { listSearch?: unknown } | null)?.listSearch;
  return `/conversations${typeof search === 'string' && search.startsWith('?') ? search : ''}`;
}

/**
 * `/conversations/:conversationId`: the header with its controls, the
 * problem restated, the thread oldest first, the composer, and the customer
 * beside it. Follows live events for this conversation; single-key shortcuts
 * for the common actions (`?` lists them).
 */
export function ConversationPage() {
  const { t } = useTranslation();
  const { conversationId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow(15_000);
  const directory = useDirectory();
  const { conversation: load, messages, retry, refresh, replaceConversation, addMessage } = useConversation(conversationId);
  const [refreshKey, setRefreshKey] = useState(0);
  const [changeError, setChangeError] = useState<unknown>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [isSnoozeOpen, setSnoozeOpen] = useState(false);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const latestChange = useRef(0);
  const pendingSend = useRef<{ attempt: string; key: string } | null>(null);
  const inboxPath = inboxPathOf(location.state);
  const conversation = load.status === 'ready' ? load.conversation : null;
  const chat = useChatConversation(conversation, messages);

  useLiveRefresh(
    (event) => event.subjectType === 'conversation' && event.subjectId === conversationId,
    async () => {
      await refresh();
      setRefreshKey((key) => key + 1);
    },
  );

  /** What a change did, in words, for the status line (and screen readers). */
  function describeChange(input: UpdateConversationInput, next: Conversation): string {
    const locale = currentLocale();
    if (input.status === 'snoozed' && next.snoozedUntil)
      return t('conversations.changed.snoozed', { time: formatDateTime(next.snoozedUntil, locale) });
    if (input.status === 'resolved') return t('conversations.changed.resolved');
    if (input.status === 'open' && conversation && conversation.status !== 'pending') return t('conversations.changed.reopened');
    if (input.status) return t('conversations.changed.status', { status: t(statusKey(input.status)) });
    if (input.assigneeId !== undefined)
      return input.assigneeId
        ? t('conversations.changed.assigned', { name: directory.memberName(input.assigneeId) ?? t('common.unknownPerson') })
        : t('conversations.changed.unassigned');
    if (input.teamId !== undefined)
      return input.teamId
        ? t('conversations.changed.team', { team: directory.teams.find((team) => team.id === input.teamId)?.name ?? '' })
        : t('conversations.changed.noTeam');
    if (input.priority) return t('conversations.changed.priority', { priority: t(priorityKey(input.priority)) });
    if (input.summary !== undefined) return t('conversations.changed.summary');
    return t('conversations.changed.tags');
  }

  async function change(input: UpdateConversationInput): Promise<void> {
    const request = ++latestChange.current;
    setChangeError(null);
    setChanged(null);
    setPending(true);
    try {
      const next = await updateConversation(conversationId, input);
      if (input.status === 'snoozed') setSnoozeOpen(false);
      // Changes made in quick succession: only the last answer shows (the server applied them in order).
      if (request !== latestChange.current) return;
      replaceConversation(next);
      setChanged(describeChange(input, next));
    } finally {
      if (request === latestChange.current) setPending(false);
    }
  }

  function changeShowingErrors(input: UpdateConversationInput) {
    change(input).catch((error: unknown) => setChangeError(error));
  }

  function focusComposer(next: ComposerMode) {
    setMode(next);
    window.setTimeout(() => textareaRef.current?.focus(), 0);
  }

  useShortcuts((action: ShortcutAction) => {
    if (action === 'help') return setHelpOpen(true);
    if (action === 'backToInbox') return void navigate(inboxPath);
    if (!conversation) return;
    if (action === 'reply' || action === 'note') return focusComposer(action);
    if (action === 'resolve') return changeShowingErrors({ status: isFinished(conversation.status) ? 'open' : 'resolved' });
    if (action === 'assignToMe' && conversation.assigneeId !== me.user.id) return changeShowingErrors({ assigneeId: me.user.id });
    if (action === 'snooze' && !isFinished(conversation.status)) setSnoozeOpen(true);
  });

  async function send(input: { kind: ComposerMode; body: string; mentions: string[]; attachmentIds: string[] }) {
    if (input.kind === 'reply') chat.stopTyping();
    // The message keeps its id until it is stored: sending it again after a lost answer never makes two.
    const attempt = `${conversationId}\n${input.kind}\n${input.body}\n${input.attachmentIds.join(',')}`;
    if (pendingSend.current?.attempt !== attempt) pendingSend.current = { attempt, key: crypto.randomUUID() };
    const message = await createMessage(conversationId, input, pendingSend.current.key);
    pendingSend.current = null;
    addMessage(message);
    // A reply moves an open conversation to pending and stops the first-response clock.
    if (input.kind === 'reply') await refresh();
  }

  const backLink = (
    <p className="back-link">
      <Link to={inboxPath}>
        <span aria-hidden="true">← </span>
        {t('conversations.backToInbox')}
      </Link>
    </p>
  );

  if (!conversation)
    return (
      <>
        {backLink}
        <PageLoadStatus
          state={load.status === 'ready' ? { status: 'loading' } : load}
          notFoundTitle={t('conversations.notFoundTitle')}
          notFoundBody={t('conversations.notFoundBody')}
          loadFailedTitle={t('conversations.loadFailedTitle')}
          onRetry={retry}
        />
      </>
    );

  const customerName = customerLabel(conversation.customer.displayName, t('customers.unnamed'));
  return (
    <>
      <div className="conversation-topbar">
        {backLink}
        <button type="button" className="button button--small button--quiet" onClick={() => setHelpOpen(true)}>
          {t('conversations.shortcuts.open')}
        </button>
      </div>
      <ConversationHeader
        conversation={conversation}
        members={directory.members}
        teams={directory.teams}
        myUserId={me.user.id}
        now={now}
        isPending={isPending}
        isSnoozeOpen={isSnoozeOpen}
        onSnoozeOpenChange={setSnoozeOpen}
        onChange={changeShowingErrors}
      />
      <ErrorMessage error={changeError ?? directory.error} />
      {changed && <StatusMessage>{changed}</StatusMessage>}
      <div className="profile-columns">
        <div className="profile-columns__main">
          <SummaryEditor summary={conversation.summary} onSave={(summary) => change({ summary })} />
          <MessageThread
            state={messages}
            customerName={customerName}
            memberName={directory.memberName}
            now={now}
            onRetry={retry}
            seenMessageId={chat.seenMessageId}
          />
          {chat.isChat && <TypingIndicator isTyping={chat.isCustomerTyping} name={customerName} />}
          <Composer
            conversationId={conversationId}
            mode={mode}
            onModeChange={setMode}
            textareaRef={textareaRef}
            members={directory.members}
            customerName={customerName}
            onSend={send}
            canReply={conversation.channel.canReply}
            canSendAttachments={conversation.channel.canSendAttachments}
            replyHint={chat.isChat ? t('chat.composer.replyHint') : undefined}
            onReplyDraft={chat.onReplyDraft}
          />
        </div>
        <div className="profile-columns__side">
          {chat.isChat && <VisitorPanel conversationId={conversation.id} now={now} />}
          <CustomerPanel conversation={conversation} now={now} refreshKey={refreshKey} />
          <ConversationCalls conversationId={conversation.id} customerId={conversation.customer.id} refreshKey={refreshKey} />
        </div>
      </div>
      {isHelpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </>
  );
}
