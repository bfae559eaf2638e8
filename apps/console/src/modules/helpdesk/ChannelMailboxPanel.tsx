import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelMailbox, MailboxState } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { useSubmission } from '../../components/useSubmission';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDateTime, formatRelativeTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { formatCount } from '../customers/import/import-progress';
import { deleteChannelMailbox, fetchChannelMailbox, saveChannelMailbox } from './helpdesk-api';
import { mailboxFormValues, mailboxInput, portAfterTlsToggle, type IntervalUnit, type MailboxFormValues } from './mailbox-form';

/** How often the poller's state is fetched again while the panel is open. */
export const mailboxRefreshMs = 10_000;

/** The poller's state as a small coloured badge: connected, connecting, failing or disabled. */
export function MailboxStateBadge({ state }: { state: MailboxState }) {
  const { t } = useTranslation();
  return <span className={`badge badge--mailbox-${state}`}>{t(`helpdesk.mailbox.state.${state}`)}</span>;
}

/** A moment as "3 minutes ago", with the date and time on hover and for machines. */
function Moment({ iso, now }: { iso: string; now: Date }) {
  const locale = currentLocale();
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)}>
      {formatRelativeTime(iso, locale, now.getTime())}
    </time>
  );
}

type Loaded = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; mailbox: ChannelMailbox | null };

interface ChannelMailboxPanelProps {
  channel: Channel;
  /** Told of every mailbox seen (after a save, a refresh, or null after removal), for the channels table. */
  onMailboxChange: (channelId: string, mailbox: ChannelMailbox | null) => void;
}

/**
 * The IMAP mailbox a channel polls: its settings (the password write-only) with save and remove, and below them
 * the poller's live state, fetched again every 10 seconds and when the window regains focus.
 */
export function ChannelMailboxPanel({ channel, onMailboxChange }: ChannelMailboxPanelProps) {
  const { t } = useTranslation();
  const now = useNow(mailboxRefreshMs);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [values, setValues] = useState<MailboxFormValues>(() => mailboxFormValues(null));
  const [status, setStatus] = useState('');
  const [isRemoving, setRemoving] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);
  const channelId = channel.id;
  const notify = useRef(onMailboxChange);
  notify.current = onMailboxChange;

  const set = (change: Partial<MailboxFormValues>) => setValues((current) => ({ ...current, ...change }));

  // The first load fills the form; later refreshes change only the state shown, never what is being typed.
  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    setStatus('');
    fetchChannelMailbox(channelId).then(
      (mailbox) => {
        if (!isCurrent) return;
        setLoaded({ status: 'ready', mailbox });
        setValues(mailboxFormValues(mailbox));
        notify.current(channelId, mailbox);
      },
      (error: unknown) => isCurrent && setLoaded({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [channelId]);

  const refresh = useCallback(() => {
    fetchChannelMailbox(channelId).then(
      (mailbox) => {
        setRefreshError(null);
        setLoaded((current) => (current.status === 'ready' ? { status: 'ready', mailbox } : current));
        notify.current(channelId, mailbox);
      },
      (error: unknown) => setRefreshError(error),
    );
  }, [channelId]);

  const hasMailbox = loaded.status === 'ready' && loaded.mailbox !== null;
  useEffect(() => {
    if (!hasMailbox) return;
    const timer = window.setInterval(refresh, mailboxRefreshMs);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [hasMailbox, refresh]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const { input, invalid: fields } = mailboxInput(values);
    const clientError = clientValidationError(fields);
    if (clientError || !input) return submission.setError(clientError);
    void submission.run(async () => {
      const saved = await saveChannelMailbox(channelId, input);
      setLoaded({ status: 'ready', mailbox: saved });
      setValues(mailboxFormValues(saved));
      notify.current(channelId, saved);
      setStatus(t('helpdesk.mailbox.saved'));
    });
  }

  async function remove() {
    await deleteChannelMailbox(channelId);
    setLoaded({ status: 'ready', mailbox: null });
    setValues(mailboxFormValues(null));
    submission.reset();
    notify.current(channelId, null);
    setStatus(t('helpdesk.mailbox.removed'));
  }

  const mailbox = loaded.status === 'ready' ? loaded.mailbox : null;
  const passwordSet = mailbox?.passwordSet ?? false;
  const fieldError = (field: string, message: string) => ({ isInvalid: invalid.includes(field), errorMessage: message });

  return (
    <section className="panel mailbox-panel" aria-labelledby="mailbox-heading">
      <h2 id="mailbox-heading">{t('helpdesk.mailbox.title')}</h2>
      <p>{t('helpdesk.mailbox.intro')}</p>
      {status && <StatusMessage>{status}</StatusMessage>}
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          {!mailbox && <p className="muted">{t('helpdesk.mailbox.none')}</p>}
          <form className="form" onSubmit={submit} noValidate aria-labelledby="mailbox-heading">
            <ErrorMessage error={submission.error} />
            <div className="form__row">
              <Field
                label={t('helpdesk.mailbox.host')}
                hint={t('helpdesk.mailbox.hostHint')}
                {...fieldError('host', t('helpdesk.mailbox.hostInvalid'))}
              >
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={253}
                    value={values.host}
                    onChange={(event) => set({ host: event.target.value })}
                  />
                )}
              </Field>
              <Field label={t('helpdesk.mailbox.port')} {...fieldError('port', t('helpdesk.mailbox.portInvalid'))}>
                {(control) => (
                  <input
                    {...control}
                    className="input mailbox-panel__port"
                    inputMode="numeric"
                    value={values.port}
                    onChange={(event) => set({ port: event.target.value })}
                  />
                )}
              </Field>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={values.tls}
                aria-describedby="mailbox-tls-hint"
                onChange={(event) =>
                  set({ tls: event.target.checked, port: portAfterTlsToggle(values.port, event.target.checked) })
                }
              />
              <span>{t('helpdesk.mailbox.tls')}</span>
            </label>
            <p className="field__hint" id="mailbox-tls-hint">
              {t('helpdesk.mailbox.tlsHint')}
            </p>
            <div className="form__row">
              <Field label={t('helpdesk.mailbox.username')} {...fieldError('username', t('helpdesk.mailbox.usernameInvalid'))}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={320}
                    value={values.username}
                    onChange={(event) => set({ username: event.target.value })}
                  />
                )}
              </Field>
              <Field
                label={t('helpdesk.mailbox.password')}
                hint={passwordSet ? t('helpdesk.mailbox.passwordStoredHint') : t('helpdesk.mailbox.passwordHint')}
                {...fieldError('password', t('helpdesk.mailbox.passwordRequired'))}
              >
                {(control) => (
                  <input
                    {...control}
                    type="password"
                    className="input"
                    autoComplete="new-password"
                    maxLength={1000}
                    placeholder={passwordSet ? t('helpdesk.mailbox.passwordStored') : undefined}
                    value={values.password}
                    onChange={(event) => set({ password: event.target.value })}
                  />
                )}
              </Field>
            </div>
            <div className="form__row">
              <Field
                label={t('helpdesk.mailbox.folder')}
                hint={t('helpdesk.mailbox.folderHint')}
                {...fieldError('folder', t('helpdesk.mailbox.folderInvalid'))}
              >
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={500}
                    value={values.folder}
                    onChange={(event) => set({ folder: event.target.value })}
                  />
                )}
              </Field>
              <Field
                label={t('helpdesk.mailbox.interval')}
                hint={t('helpdesk.mailbox.intervalHint')}
                {...fieldError('pollIntervalSeconds', t('helpdesk.mailbox.intervalInvalid'))}
              >
                {(control) => (
                  <div className="mailbox-panel__interval">
                    <input
                      {...control}
                      className="input mailbox-panel__port"
                      inputMode="numeric"
                      value={values.interval}
                      onChange={(event) => set({ interval: event.target.value })}
                    />
                    <select
                      className="select"
                      aria-label={t('helpdesk.mailbox.intervalUnit')}
                      value={values.intervalUnit}
                      onChange={(event) => set({ intervalUnit: event.target.value as IntervalUnit })}
                    >
                      <option value="seconds">{t('helpdesk.mailbox.seconds')}</option>
                      <option value="minutes">{t('helpdesk.mailbox.minutes')}</option>
                    </select>
                  </div>
                )}
              </Field>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={values.enabled}
                aria-describedby="mailbox-enabled-hint"
                onChange={(event) => set({ enabled: event.target.checked })}
              />
              <span>{t('helpdesk.mailbox.enabled')}</span>
            </label>
            <p className="field__hint" id="mailbox-enabled-hint">
              {t('helpdesk.mailbox.enabledHint')}
            </p>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={submission.isPending}>
                {submission.isPending ? t('common.saving') : t('helpdesk.mailbox.save')}
              </button>
              {mailbox && (
                <button type="button" className="button button--danger-quiet" onClick={() => setRemoving(true)}>
                  {t('helpdesk.mailbox.remove')}
                </button>
              )}
            </div>
          </form>
          {mailbox && <MailboxStatus mailbox={mailbox} now={now} refreshError={refreshError} />}
        </>
      )}
      {isRemoving && mailbox && (
        <ConfirmDialog
          title={t('helpdesk.mailbox.removeTitle', { name: channel.name })}
          body={t('helpdesk.mailbox.removeBody', { host: mailbox.host })}
          confirmLabel={t('helpdesk.mailbox.remove')}
          onConfirm={remove}
          onClose={() => setRemoving(false)}
        />
      )}
    </section>
  );
}

/** What the poller last saw: the state, the last good poll, the counters and the last error in words. */
function MailboxStatus({ mailbox, now, refreshError }: { mailbox: ChannelMailbox; now: Date; refreshError: unknown }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="mailbox-status" aria-labelledby="mailbox-status-heading">
      <h3 id="mailbox-status-heading">{t('helpdesk.mailbox.statusTitle')}</h3>
      <p className="field__hint">{t('helpdesk.mailbox.refreshHint')}</p>
      {refreshError !== null && <ErrorMessage error={refreshError} />}
      <dl className="summary">
        <div>
          <dt>{t('helpdesk.mailbox.stateLabel')}</dt>
          <dd aria-live="polite">
            <MailboxStateBadge state={mailbox.state} />{' '}
            <span className="mailbox-status__explain">{t(`helpdesk.mailbox.stateHint.${mailbox.state}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('helpdesk.mailbox.lastSuccess')}</dt>
          <dd>{mailbox.lastSuccessAt ? <Moment iso={mailbox.lastSuccessAt} now={now} /> : t('common.never')}</dd>
        </div>
        <div>
          <dt>{t('helpdesk.mailbox.fetched')}</dt>
          <dd>{formatCount(mailbox.messagesFetched, locale)}</dd>
        </div>
        <div>
          <dt>{t('helpdesk.mailbox.skipped')}</dt>
          <dd>{formatCount(mailbox.messagesSkipped, locale)}</dd>
        </div>
        {mailbox.lastError && (
          <div>
            <dt>{t('helpdesk.mailbox.lastError')}</dt>
            <dd>
              <span aria-live="polite">{t(`helpdesk.mailbox.errors.${mailbox.lastError.code}`)}</span>{' '}
              <span className="muted">
                (<Moment iso={mailbox.lastError.at} now={now} />)
              </span>
              {mailbox.lastError.message && (
                <span className="mailbox-status__detail">
                  {t('helpdesk.mailbox.serverSaid')} <code>{mailbox.lastError.message}</code>
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
