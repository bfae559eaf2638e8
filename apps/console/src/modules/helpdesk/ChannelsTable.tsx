import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailChannelSettings, type Channel, type ChannelMailbox, type MailboxState, type Team } from '@rapport/contracts';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { formatList, languageName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { MailboxStateBadge } from './ChannelMailboxPanel';
import { fetchChannelMailbox } from './helpdesk-api';

/**
 * Each email channel's mailbox state for the table (absent: not known yet, null: no mailbox), fetched once per
 * channel; `onMailboxChange` takes what the mailbox panel saw since.
 */
export function useMailboxStates(channels: readonly Channel[] | null) {
  const [states, setStates] = useState<Record<string, MailboxState | null>>({});
  const requested = useRef(new Set<string>());
  const emailChannelIds = (channels ?? [])
    .filter((channel) => channel.kind === 'email')
    .map((channel) => channel.id)
    .join(' ');
  useEffect(() => {
    for (const channelId of emailChannelIds.split(' ').filter(Boolean)) {
      if (requested.current.has(channelId)) continue;
      requested.current.add(channelId);
      fetchChannelMailbox(channelId).then(
        (mailbox) =>
          setStates((current) => (channelId in current ? current : { ...current, [channelId]: mailbox?.state ?? null })),
        // The column stays empty for this channel; the panel shows the error when the channel is edited.
        () => undefined,
      );
    }
  }, [emailChannelIds]);
  const onMailboxChange = useCallback((channelId: string, mailbox: ChannelMailbox | null) => {
    setStates((current) => ({ ...current, [channelId]: mailbox?.state ?? null }));
  }, []);
  return { states, onMailboxChange };
}

const none = <span className="muted">—</span>;

interface ChannelsTableProps {
  channels: Channel[];
  teams: Team[];
  mailboxStates: Record<string, MailboxState | null>;
  onEdit: (channel: Channel) => void;
}

/** The channels with their kind, address, sender name, team, acknowledgement and mailbox state, each to edit. */
export function ChannelsTable({ channels, teams, mailboxStates, onEdit }: ChannelsTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();

  function acknowledgement(channel: Channel) {
    if (channel.kind !== 'email') return none;
    const settings = emailChannelSettings.safeParse(channel.settings).data?.autoAcknowledgement;
    if (!settings?.enabled) return t('helpdesk.channels.ackOff');
    const languages = Object.keys(settings.variants).map((code) => languageName(code, locale));
    return t('helpdesk.channels.ackOn', { languages: formatList(languages, locale) });
  }

  const columns: DataTableColumn<Channel>[] = [
    { id: 'name', header: t('helpdesk.channels.name'), cell: (channel) => channel.name },
    { id: 'kind', header: t('helpdesk.channels.kind'), cell: (channel) => t(`helpdesk.channels.kinds.${channel.kind}`) },
    {
      id: 'address',
      header: t('helpdesk.channels.address'),
      cell: (channel) => (channel.address ? <code>{channel.address}</code> : none),
    },
    {
      id: 'sender',
      header: t('helpdesk.channels.senderName'),
      cell: (channel) => (channel.kind === 'email' && emailChannelSettings.safeParse(channel.settings).data?.senderName) || none,
    },
    {
      id: 'team',
      header: t('helpdesk.channels.team'),
      cell: (channel) =>
        teams.find((team) => team.id === channel.teamId)?.name ?? <span className="muted">{t('helpdesk.channels.noTeam')}</span>,
    },
    { id: 'ack', header: t('helpdesk.channels.ackTitle'), cell: acknowledgement },
    {
      id: 'mailbox',
      header: t('helpdesk.mailbox.column'),
      cell: (channel) => {
        const state = mailboxStates[channel.id];
        if (channel.kind !== 'email' || state === undefined) return null;
        return state ? <MailboxStateBadge state={state} /> : <span className="muted">{t('helpdesk.mailbox.noMailbox')}</span>;
      },
    },
  ];

  return (
    <DataTable
      label={t('helpdesk.channels.listTitle')}
      labelledBy="channels-list-heading"
      columns={columns}
      rows={channels}
      rowKey={(channel) => channel.id}
      actions={(channel) => (
        <button type="button" className="button button--small" onClick={() => onEdit(channel)}>
          {t('helpdesk.common.edit')}
          <span className="visually-hidden"> {channel.name}</span>
        </button>
      )}
    />
  );
}
