import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '@rapport/contracts';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { RelativeTime } from '../customers/RelativeTime';
import { ChannelKindIcon } from './ChannelKindIcon';
import { customerLabel, priorityKey } from './labels';
import { PriorityBadge } from './PriorityBadge';
import { SlaCountdown } from './SlaCountdown';

interface ConversationTableProps {
  conversations: Conversation[];
  caption: string;
  now: Date;
  memberName: (userId: string | null) => string | undefined;
  /** The inbox address the rows were opened from, for the conversation page's way back. */
  listSearch: string;
}

/**
 * Inbox rows in the API's order (soonest due first): the channel's kind, number
 * and subject with the problem summary, customer, priority, assignee, last message and the SLA
 * countdown.
 */
export function ConversationTable({ conversations, caption, now, memberName, listSearch }: ConversationTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: DataTableColumn<Conversation>[] = [
    {
      id: 'conversation',
      header: t('inbox.list.conversation'),
      subhead: t('inbox.list.summary'),
      cell: (conversation) => (
        <>
          <ChannelKindIcon kind={conversation.channel.kind} />{' '}
          <Link to={`/conversations/${conversation.id}`} state={{ listSearch }} className="inbox-table__subject">
            <span className="inbox-table__number">#{conversation.number}</span>{' '}
            {conversation.subject || t('conversations.noSubject')}
          </Link>
          {conversation.summary && <span className="table__secondary inbox-table__summary">{conversation.summary}</span>}
          {conversation.status === 'snoozed' && conversation.snoozedUntil && (
            <span className="table__secondary">
              {t('conversations.snoozedUntil', { time: formatDateTime(conversation.snoozedUntil, locale) })}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'customer',
      header: t('inbox.list.customer'),
      cell: (conversation) => customerLabel(conversation.customer.displayName, t('customers.unnamed')),
    },
    {
      id: 'priority',
      header: t('inbox.list.priority'),
      cell: (conversation) => <PriorityBadge priority={conversation.priority} label={t(priorityKey(conversation.priority))} />,
    },
    {
      id: 'assignee',
      header: t('inbox.list.assignee'),
      cell: (conversation) =>
        conversation.assigneeId ? (
          (memberName(conversation.assigneeId) ?? t('common.unknownPerson'))
        ) : (
          <span className="muted">{t('conversations.unassigned')}</span>
        ),
    },
    {
      id: 'lastMessage',
      header: t('inbox.list.lastMessage'),
      cell: (conversation) => <RelativeTime iso={conversation.lastMessageAt} now={now} />,
    },
    {
      id: 'due',
      header: t('inbox.list.due'),
      cell: (conversation) => <SlaCountdown dueAt={conversation.dueAt} now={now} />,
    },
  ];
  return (
    <DataTable
      label={caption}
      caption={caption}
      className="inbox-table"
      columns={columns}
      rows={conversations}
      rowKey={(conversation) => conversation.id}
    />
  );
}
