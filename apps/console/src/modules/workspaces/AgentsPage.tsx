import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantableRole, Member } from '@rapport/contracts';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { usePagedList } from '../../components/usePagedList';
import { api } from '../../platform/api-client';
import { formatDate, formatList, formatLocalTime, languageName, zoneCityName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';

const grantableRoles: GrantableRole[] = ['admin', 'agent'];

/** The workspace's people: who they are, what they speak, what time it is for them. */
export function AgentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const now = useNow();
  const { state, loadMore, replaceItems } = usePagedList<Member>('/members?limit=100');
  const [actionError, setActionError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<Member | null>(null);

  async function changeRole(member: Member, role: GrantableRole) {
    setActionError(null);
    setStatus('');
    try {
      const updated = await api.patch<Member>(`/members/${member.userId}`, { role });
      replaceItems((items) => items.map((item) => (item.userId === updated.userId ? updated : item)));
      setStatus(t('agents.roleChanged', { name: updated.name, role: t(`roles.${updated.role}`) }));
    } catch (error) {
      setActionError(error);
    }
  }

  async function remove(member: Member) {
    await api.delete(`/members/${member.userId}`);
    replaceItems((items) => items.filter((item) => item.userId !== member.userId));
    setStatus(t('agents.removed', { name: member.name }));
  }

  const isSelf = (member: Member) => member.userId === me.user.id;
  const isManageable = (member: Member) => member.role !== 'owner' && !isSelf(member);
  const columns: DataTableColumn<Member>[] = [
    {
      id: 'name',
      header: t('agents.name'),
      subhead: t('agents.email'),
      cell: (member) => (
        <>
          {member.name}
          {isSelf(member) && <span className="badge badge--muted">{t('common.you')}</span>}
          <span className="table__secondary">{member.email}</span>
        </>
      ),
    },
    {
      id: 'role',
      header: t('agents.role'),
      cell: (member) =>
        isManageable(member) ? (
          <select
            className="select select--compact"
            aria-label={t('agents.roleFor', { name: member.name })}
            value={member.role}
            onChange={(event) => {
              const role = grantableRoles.find((item) => item === event.target.value);
              if (role) void changeRole(member, role);
            }}
          >
            {grantableRoles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`badge badge--${member.role}`}>{t(`roles.${member.role}`)}</span>
        ),
    },
    {
      id: 'languages',
      header: t('agents.languages'),
      cell: (member) =>
        member.languages.length ? (
          formatList(
            member.languages.map((code) => languageName(code, locale)),
            locale,
          )
        ) : (
          <span className="muted">{t('common.notSet')}</span>
        ),
    },
    {
      id: 'localTime',
      header: t('agents.localTime'),
      subhead: t('agents.timeZone'),
      cell: (member) => (
        <>
          <time className="nowrap">{formatLocalTime(member.timeZone, locale, now)}</time>
          <span className="table__secondary">{zoneCityName(member.timeZone, locale)}</span>
        </>
      ),
    },
    {
      id: 'joined',
      header: t('agents.joined'),
      cell: (member) => (
        <time dateTime={member.joinedAt} className="nowrap">
          {formatDate(member.joinedAt, locale)}
        </time>
      ),
    },
  ];

  return (
    <>
      <PageHeading title={t('agents.title')}>
        <p>{t('agents.intro')}</p>
      </PageHeading>
      <ErrorMessage error={actionError} />
      {status && <StatusMessage>{status}</StatusMessage>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && (
        <DataTable
          label={t('agents.title')}
          caption={t('agents.caption', { count: state.items.length })}
          columns={columns}
          rows={state.items}
          rowKey={(member) => member.userId}
          actions={(member) =>
            isManageable(member) && (
              <button type="button" className="button button--small button--danger-quiet" onClick={() => setRemoving(member)}>
                {t('agents.remove')}
                <span className="visually-hidden"> {member.name}</span>
              </button>
            )
          }
        />
      )}
      {state.status === 'ready' && state.nextCursor && (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
          {t('common.loadMore')}
        </button>
      )}
      {removing && (
        <ConfirmDialog
          title={t('agents.removeTitle', { name: removing.name })}
          body={t('agents.removeBody', { name: removing.name })}
          confirmLabel={t('agents.removeConfirm')}
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
}
