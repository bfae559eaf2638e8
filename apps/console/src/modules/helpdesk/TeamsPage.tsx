import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Team } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { ApiError } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatList, sortByLabel } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { fetchMembers } from '../conversations/conversations-api';
import { createTeam, deleteTeam, fetchBusinessCalendars, fetchTeams, updateTeam } from './helpdesk-api';
import { useList } from './useList';
import './helpdesk.css';

/** Checkboxes of the workspace's members, by name. */
function MemberPicker({ members, value, onChange }: { members: Member[]; value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const sorted = sortByLabel(
    members.map((member) => ({ member, label: member.name })),
    locale,
  );
  return (
    <fieldset className="fieldset">
      <legend>{t('helpdesk.teams.members')}</legend>
      <div className="checkbox-grid member-picker">
        {sorted.map(({ member }) => (
          <label key={member.userId} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(member.userId)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, member.userId] : value.filter((id) => id !== member.userId))
              }
            />
            <span>
              {member.name} <span className="muted small">{member.email}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Teams: create one with its members, rename it or change its members, delete it. */
export function TeamsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const teams = useList(fetchTeams);
  const loadMembers = useCallback(fetchMembers, []);
  const members = useList(loadMembers);
  const memberList = members.state.status === 'ready' ? members.state.items : [];
  const [editing, setEditing] = useState<Team | null>(null);
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [calendarId, setCalendarId] = useState<string | null>(null);
  const calendars = useList(fetchBusinessCalendars);
  const calendarList = calendars.state.status === 'ready' ? calendars.state.items : [];
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [status, setStatus] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const isNameTaken = submission.error instanceof ApiError && submission.error.code === 'team_name_taken';

  function startEditing(team: Team | null) {
    setEditing(team);
    setName(team?.name ?? '');
    setMemberIds(team?.memberIds ?? []);
    setCalendarId(team?.calendarId ?? null);
    setStatus('');
    submission.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const clientError = clientValidationError(name.trim() ? [] : ['name']);
    if (clientError) return submission.setError(clientError);
    const input = { name: name.trim(), memberIds, calendarId };
    void submission.run(async () => {
      if (editing) {
        const saved = await updateTeam(editing.id, input);
        teams.setItems((items) => items.map((item) => (item.id === saved.id ? saved : item)));
        setStatus(t('helpdesk.teams.saved', { name: saved.name }));
      } else {
        const created = await createTeam(input);
        teams.setItems((items) => [...items, created]);
        setStatus(t('helpdesk.teams.created', { name: created.name }));
      }
      setEditing(null);
      setName('');
      setMemberIds([]);
      setCalendarId(null);
    });
  }

  async function remove(team: Team) {
    await deleteTeam(team.id);
    teams.setItems((items) => items.filter((item) => item.id !== team.id));
    if (editing?.id === team.id) startEditing(null);
    setStatus(t('helpdesk.teams.deleted', { name: team.name }));
  }

  const memberNames = (team: Team) => {
    const names = team.memberIds.map(
      (id) => memberList.find((member) => member.userId === id)?.name ?? t('common.unknownPerson'),
    );
    return names.length ? formatList(names, locale) : <span className="muted">{t('helpdesk.teams.noMembers')}</span>;
  };
  const columns: DataTableColumn<Team>[] = [
    { id: 'name', header: t('helpdesk.teams.name'), cell: (team) => team.name },
    { id: 'members', header: t('helpdesk.teams.members'), cell: memberNames },
  ];

  return (
    <>
      <PageHeading title={t('helpdesk.teams.title')}>
        <p>{t('helpdesk.teams.intro')}</p>
      </PageHeading>
      <section className="section" aria-labelledby="teams-list-heading">
        <h2 id="teams-list-heading">{t('helpdesk.teams.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {teams.state.status === 'loading' && <Loading />}
        {teams.state.status === 'failed' && (
          <>
            <ErrorMessage error={teams.state.error} />
            <button type="button" className="button" onClick={teams.reload}>
              {t('app.retry')}
            </button>
          </>
        )}
        {members.state.status === 'failed' && <ErrorMessage error={members.state.error} />}
        {teams.state.status === 'ready' && teams.state.items.length === 0 && <p className="muted">{t('helpdesk.teams.none')}</p>}
        {teams.state.status === 'ready' && teams.state.items.length > 0 && (
          <DataTable
            label={t('helpdesk.teams.listTitle')}
            labelledBy="teams-list-heading"
            columns={columns}
            rows={teams.state.items}
            rowKey={(team) => team.id}
            actions={(team) => (
              <>
                <button type="button" className="button button--small" onClick={() => startEditing(team)}>
                  {t('helpdesk.common.edit')}
                  <span className="visually-hidden"> {team.name}</span>
                </button>{' '}
                <button type="button" className="button button--small button--danger-quiet" onClick={() => setDeleting(team)}>
                  {t('helpdesk.common.delete')}
                  <span className="visually-hidden"> {team.name}</span>
                </button>
              </>
            )}
          />
        )}
      </section>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="team-form-heading">
        <h2 id="team-form-heading">
          {editing ? t('helpdesk.common.editTitle', { name: editing.name }) : t('helpdesk.teams.formTitle')}
        </h2>
        {!isNameTaken && <ErrorMessage error={submission.error} />}
        <Field
          label={t('helpdesk.teams.name')}
          isInvalid={invalid.includes('name') || isNameTaken}
          errorMessage={isNameTaken ? t('errors.team_name_taken') : undefined}
        >
          {(control) => (
            <input {...control} className="input" maxLength={80} value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <Field label={t('helpdesk.teams.calendar')} hint={t('helpdesk.teams.calendarHint')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={calendarId ?? ''}
              onChange={(event) => setCalendarId(event.target.value || null)}
            >
              <option value="">{t('helpdesk.teams.defaultCalendar')}</option>
              {calendarList.map((calendar) => (
                <option key={calendar.id} value={calendar.id}>
                  {calendar.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {members.state.status === 'loading' ? (
          <Loading />
        ) : (
          <MemberPicker members={memberList} value={memberIds} onChange={setMemberIds} />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : editing ? t('common.save') : t('helpdesk.teams.create')}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => startEditing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {deleting && (
        <ConfirmDialog
          title={t('helpdesk.teams.deleteTitle', { name: deleting.name })}
          body={t('helpdesk.teams.deleteBody')}
          confirmLabel={t('helpdesk.teams.deleteConfirm')}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
