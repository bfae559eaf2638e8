import { useTranslation } from 'react-i18next';
import type { Conversation, ConversationStatus, Member, Team, UpdateConversationInput } from '@rapport/contracts';
import { Field } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { formatDateTime, sortByLabel } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { inboxStatuses } from './inbox-query';
import { priorities, priorityKey, statusKey } from './labels';
import { PriorityBadge } from './PriorityBadge';
import { SlaCountdown } from './SlaCountdown';
import { SnoozeControl } from './SnoozeControl';
import { TagsEditor } from './TagsEditor';

interface ConversationHeaderProps {
  conversation: Conversation;
  members: Member[];
  teams: Team[];
  myUserId: string;
  now: Date;
  isPending: boolean;
  isSnoozeOpen: boolean;
  onSnoozeOpenChange: (isOpen: boolean) => void;
  onChange: (input: UpdateConversationInput) => void;
}

/** Whether a conversation is done with (resolve/reopen is the main action). */
export function isFinished(status: ConversationStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

/**
 * The conversation's head: number, subject, channel, status, priority and
 * SLA countdown; the controls for status, priority, assignee, team, tags,
 * snooze, and resolve or reopen.
 */
export function ConversationHeader(props: ConversationHeaderProps) {
  const { conversation, members, teams, myUserId, now, isPending, onChange } = props;
  const { t } = useTranslation();
  const locale = currentLocale();
  const sortedMembers = sortByLabel(
    members.map((member) => ({ ...member, label: member.name })),
    locale,
  );
  const sortedTeams = sortByLabel(
    teams.map((team) => ({ ...team, label: team.name })),
    locale,
  );
  // Snoozing needs a time: it is offered by the snooze control, and listed here only while it is the status.
  const statusChoices = inboxStatuses.filter((status) => status !== 'snoozed' || conversation.status === 'snoozed');
  const finished = isFinished(conversation.status);

  return (
    <div className="panel conversation-header">
      <PageHeading
        eyebrow={t('conversations.header.eyebrow', { number: conversation.number, channel: conversation.channel.name })}
        title={conversation.subject || t('conversations.noSubject')}
      />
      <p className="conversation-header__facts">
        <span className={`badge status status--${conversation.status}`}>{t(statusKey(conversation.status))}</span>
        <PriorityBadge priority={conversation.priority} label={t(priorityKey(conversation.priority))} />
        {conversation.status === 'snoozed' && conversation.snoozedUntil && (
          <span>{t('conversations.snoozedUntil', { time: formatDateTime(conversation.snoozedUntil, locale) })}</span>
        )}
        {!finished && <SlaCountdown dueAt={conversation.dueAt} now={now} />}
      </p>
      <div className="conversation-controls">
        <Field label={t('conversations.header.status')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={conversation.status}
              onChange={(event) => {
                const status = statusChoices.find((item) => item === event.target.value);
                if (status && status !== 'snoozed') onChange({ status });
              }}
            >
              {statusChoices.map((status) => (
                <option key={status} value={status}>
                  {t(statusKey(status))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('conversations.header.priority')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={conversation.priority}
              onChange={(event) => {
                const priority = priorities.find((item) => item === event.target.value);
                if (priority) onChange({ priority });
              }}
            >
              {priorities.map((priority) => (
                <option key={priority} value={priority}>
                  {t(priorityKey(priority))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('conversations.header.assignee')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={conversation.assigneeId ?? ''}
              onChange={(event) => onChange({ assigneeId: event.target.value || null })}
            >
              <option value="">{t('conversations.unassigned')}</option>
              {conversation.assigneeId && !members.some((member) => member.userId === conversation.assigneeId) && (
                <option value={conversation.assigneeId}>{t('common.unknownPerson')}</option>
              )}
              {sortedMembers.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.userId === myUserId ? t('conversations.header.me', { name: member.name }) : member.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('conversations.header.team')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={conversation.teamId ?? ''}
              onChange={(event) => onChange({ teamId: event.target.value || null })}
            >
              <option value="">{t('conversations.header.noTeam')}</option>
              {sortedTeams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TagsEditor tags={conversation.tags} isPending={isPending} onChange={(tags) => onChange({ tags })} />
      <div className="conversation-header__actions">
        {conversation.assigneeId !== myUserId && (
          <button type="button" className="button" onClick={() => onChange({ assigneeId: myUserId })}>
            {t('conversations.header.assignToMe')}
          </button>
        )}
        {!finished && (
          <SnoozeControl
            isOpen={props.isSnoozeOpen}
            onOpenChange={props.onSnoozeOpenChange}
            isPending={isPending}
            onSnooze={(until) => onChange({ status: 'snoozed', snoozedUntil: until.toISOString() })}
          />
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => onChange({ status: finished ? 'open' : 'resolved' })}
        >
          {finished ? t('conversations.header.reopen') : t('conversations.header.resolve')}
        </button>
      </div>
    </div>
  );
}
