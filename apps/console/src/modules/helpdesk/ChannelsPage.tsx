import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emailChannelSettings,
  type Channel,
  type ChannelKind,
  type CreateChannelInput,
  type Team,
  type UpdateChannelInput,
} from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { ApiError } from '../../platform/api-client';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { useMe } from '../../app/session';
import { RadioGroup } from '../customers/RadioGroup';
import { ChannelMailboxPanel } from './ChannelMailboxPanel';
import { ChannelsTable, useMailboxStates } from './ChannelsTable';
import { ChatChannelForm } from './ChatChannelForm';
import {
  chatSettingsInput,
  chatSettingsValues,
  noProblems,
  originLinesOf,
  refusedChatSettings,
  type ChatSettingsProblems,
} from './chat-settings-form';
import { createChannel, fetchChannels, fetchTeams, updateChannel } from './helpdesk-api';
import { useList } from './useList';
import { VariantsEditor } from './VariantsEditor';
import { emptyVariants, fromVariantInputs, toVariantInputs, type VariantInput } from './variants';
import { TelephonyWebhookPanel } from './TelephonyWebhookPanel';
import { WidgetSetupPanel } from './WidgetSetupPanel';
import './helpdesk.css';

const channelKinds: ChannelKind[] = ['email', 'chat', 'phone'];

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Channels: the list, and a form to add or change one by kind: an email channel (its support address, sender
 * name and acknowledgement), a website chat (the widget's settings, then how to install it) or a phone channel
 * (a name and team, then the webhook a telephony system reports calls to).
 */
export function ChannelsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const channels = useList(fetchChannels);
  const teams = useList(fetchTeams);
  const teamList: Team[] = teams.state.status === 'ready' ? teams.state.items : [];
  const [kind, setKind] = useState<ChannelKind>('email');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [senderName, setSenderName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [isAckEnabled, setAckEnabled] = useState(false);
  const [variants, setVariants] = useState<VariantInput[]>([{ language: me.workspace.defaultLocale, text: '' }]);
  const [emptyRows, setEmptyRows] = useState<number[]>([]);
  const [chatValues, setChatValues] = useState(() => chatSettingsValues({}));
  const [chatProblems, setChatProblems] = useState<ChatSettingsProblems>(noProblems);
  const [emptyChatRows, setEmptyChatRows] = useState<{ greetings: number[]; offline: number[] }>({ greetings: [], offline: [] });
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<Channel | null>(null);
  const mailboxes = useMailboxStates(channels.state.status === 'ready' ? channels.state.items : null);
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const isAddressTaken = submission.error instanceof ApiError && submission.error.code === 'channel_address_taken';
  // The chat settings wrong in the browser's eyes, and those the server refused (its origins by position sent).
  const refusedChat = refusedChatSettings(submission.error);
  const shownChatProblems: ChatSettingsProblems = {
    fields: [...new Set([...chatProblems.fields, ...refusedChat.fields])],
    originLines: [
      ...new Set([...chatProblems.originLines, ...originLinesOf(chatValues.allowedOrigins, refusedChat.originIndexes)]),
    ],
  };

  /** Fills the form with a channel to change (or empties it for a new one). */
  function startEditing(channel: Channel | null) {
    const settings = channel ? emailChannelSettings.safeParse(channel.settings).data : undefined;
    setEditing(channel);
    setKind(channel?.kind ?? kind);
    setName(channel?.name ?? '');
    setAddress(channel?.address ?? '');
    setSenderName(settings?.senderName ?? '');
    setTeamId(channel?.teamId ?? '');
    setAckEnabled(settings?.autoAcknowledgement?.enabled ?? false);
    const rows = toVariantInputs(settings?.autoAcknowledgement?.variants);
    setVariants(rows.length ? rows : [{ language: me.workspace.defaultLocale, text: '' }]);
    setEmptyRows([]);
    setChatValues(chatSettingsValues(channel?.kind === 'chat' ? channel.settings : {}));
    setChatProblems(noProblems);
    setEmptyChatRows({ greetings: [], offline: [] });
    setStatus('');
    submission.reset();
  }

  /** Saves the channel: a change, or a new one (a new chat or phone channel stays open to show how to connect it). */
  function save(input: CreateChannelInput) {
    const change: UpdateChannelInput = {
      name: input.name,
      teamId: input.teamId,
      ...('settings' in input ? { settings: input.settings } : {}),
    };
    void submission.run(async () => {
      if (editing) {
        const saved = await updateChannel(editing.id, change);
        channels.setItems((items) => items.map((item) => (item.id === saved.id ? saved : item)));
        startEditing(null);
        setStatus(t('helpdesk.channels.saved', { name: saved.name }));
        return;
      }
      const created = await createChannel(input);
      channels.setItems((items) => [...items, created]);
      startEditing(created.kind === 'email' ? null : created);
      setStatus(t(created.kind === 'chat' ? 'chat.channel.created' : 'helpdesk.channels.created', { name: created.name }));
    });
  }

  function submitChat() {
    const result = chatSettingsInput(chatValues);
    setChatProblems(result.problems);
    setEmptyChatRows({ greetings: result.emptyGreetings, offline: result.emptyOffline });
    const fields = [...(name.trim() ? [] : ['name']), ...(result.settings ? [] : ['settings'])];
    const clientError = clientValidationError(fields);
    if (clientError || !result.settings) return submission.setError(clientError);
    save({ kind: 'chat', name: name.trim(), teamId: teamId || null, settings: result.settings });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    if (kind === 'chat') return submitChat();
    if (kind === 'phone') {
      const clientError = clientValidationError(name.trim() ? [] : ['name']);
      if (clientError) return submission.setError(clientError);
      return save({ kind: 'phone', name: name.trim(), teamId: teamId || null });
    }
    const empty = isAckEnabled ? emptyVariants(variants) : [];
    setEmptyRows(empty);
    const fields = [
      ...(name.trim() ? [] : ['name']),
      ...(emailPattern.test(address.trim()) ? [] : ['address']),
      ...(empty.length > 0 || (isAckEnabled && variants.length === 0) ? ['settings'] : []),
    ];
    const clientError = clientValidationError(fields);
    if (clientError) return submission.setError(clientError);
    const input: CreateChannelInput = {
      kind: 'email',
      name: name.trim(),
      address: address.trim(),
      teamId: teamId || null,
      settings: {
        ...(senderName.trim() ? { senderName: senderName.trim() } : {}),
        ...(isAckEnabled || variants.some((row) => row.text.trim())
          ? {
              autoAcknowledgement: {
                enabled: isAckEnabled,
                variants: fromVariantInputs(variants.filter((row) => row.text.trim())),
              },
            }
          : {}),
      },
    };
    save(input);
  }

  const teamField = (
    <Field label={t('helpdesk.channels.team')} isOptional>
      {(control) => (
        <select {...control} className="select" value={teamId} onChange={(event) => setTeamId(event.target.value)}>
          <option value="">{t('helpdesk.channels.noTeam')}</option>
          {teamList.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <>
      <PageHeading title={t('helpdesk.channels.title')}>
        <p>{t('helpdesk.channels.intro')}</p>
      </PageHeading>
      <p className="alert alert--info">{t('helpdesk.channels.smtpHint')}</p>
      <section className="section" aria-labelledby="channels-list-heading">
        <h2 id="channels-list-heading">{t('helpdesk.channels.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {channels.state.status === 'loading' && <Loading />}
        {channels.state.status === 'failed' && (
          <>
            <ErrorMessage error={channels.state.error} />
            <button type="button" className="button" onClick={channels.reload}>
              {t('app.retry')}
            </button>
          </>
        )}
        {channels.state.status === 'ready' && channels.state.items.length === 0 && (
          <p className="muted">{t('helpdesk.channels.none')}</p>
        )}
        {channels.state.status === 'ready' && channels.state.items.length > 0 && (
          <ChannelsTable
            channels={channels.state.items}
            teams={teamList}
            mailboxStates={mailboxes.states}
            onEdit={startEditing}
          />
        )}
      </section>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="channel-form-heading">
        <h2 id="channel-form-heading">
          {editing ? t('helpdesk.common.editTitle', { name: editing.name }) : t('helpdesk.channels.addTitle')}
        </h2>
        {!isAddressTaken && <ErrorMessage error={submission.error} />}
        {editing ? (
          <p className="muted">{t('helpdesk.channels.kindFixed', { kind: t(`helpdesk.channels.kinds.${kind}`) })}</p>
        ) : (
          <RadioGroup<ChannelKind>
            legend={t('helpdesk.channels.kind')}
            hint={t(`helpdesk.channels.kindHints.${kind}`)}
            name="channel-kind"
            value={kind}
            options={channelKinds.map((value) => ({ value, label: t(`helpdesk.channels.kinds.${value}`) }))}
            onChange={(next) => {
              setKind(next);
              submission.reset();
            }}
          />
        )}
        <div className="form__row">
          <Field label={t('helpdesk.channels.name')} hint={t('helpdesk.channels.nameHint')} isInvalid={invalid.includes('name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                maxLength={80}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          {kind !== 'email' && teamField}
          {kind === 'email' && (
            <Field
              label={t('helpdesk.channels.address')}
              hint={editing ? t('helpdesk.channels.addressFixed') : t('helpdesk.channels.addressHint')}
              isInvalid={invalid.includes('address') || isAddressTaken}
              errorMessage={isAddressTaken ? t('errors.channel_address_taken') : t('helpdesk.channels.addressInvalid')}
            >
              {(control) => (
                <input
                  {...control}
                  type="email"
                  className="input"
                  autoComplete="off"
                  readOnly={editing !== null}
                  value={address}
                  onChange={(event) => setAddress(event.target.value)}
                />
              )}
            </Field>
          )}
        </div>
        {kind === 'email' && (
          <>
            <div className="form__row">
              <Field label={t('helpdesk.channels.senderName')} hint={t('helpdesk.channels.senderNameHint')} isOptional>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    maxLength={120}
                    value={senderName}
                    onChange={(event) => setSenderName(event.target.value)}
                  />
                )}
              </Field>
              {teamField}
            </div>
            <fieldset className="fieldset">
              <legend>{t('helpdesk.channels.ackTitle')}</legend>
              <label className="checkbox">
                <input type="checkbox" checked={isAckEnabled} onChange={(event) => setAckEnabled(event.target.checked)} />
                <span>{t('helpdesk.channels.ackEnable')}</span>
              </label>
              <p className="field__hint">{t('helpdesk.channels.ackHint')}</p>
              {isAckEnabled && (
                <>
                  {variants.length === 0 && invalid.includes('settings') && (
                    <p className="field__error">{t('helpdesk.channels.ackNeedsText')}</p>
                  )}
                  <VariantsEditor
                    legend={t('helpdesk.channels.ackTexts')}
                    value={variants}
                    onChange={setVariants}
                    invalidRows={emptyRows}
                    withExpectedBy
                  />
                </>
              )}
            </fieldset>
          </>
        )}
        {kind === 'chat' && (
          <ChatChannelForm
            value={chatValues}
            onChange={setChatValues}
            problems={shownChatProblems}
            emptyGreetings={emptyChatRows.greetings}
            emptyOffline={emptyChatRows.offline}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending
              ? t(editing ? 'common.saving' : 'helpdesk.channels.creating')
              : t(editing ? 'common.save' : 'helpdesk.channels.create')}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => startEditing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {editing?.kind === 'email' && (
        <ChannelMailboxPanel key={editing.id} channel={editing} onMailboxChange={mailboxes.onMailboxChange} />
      )}
      {editing?.kind === 'chat' && <WidgetSetupPanel key={editing.id} channel={editing} />}
      {editing?.kind === 'phone' && <TelephonyWebhookPanel key={editing.id} channel={editing} />}
    </>
  );
}
