import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, TelephonyWebhook } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { CopyButton } from './CopyButton';
import { fetchTelephonyWebhook, previousSecretUntil, rotateTelephonyWebhook, webhookAddress } from './telephony-webhook';
import { maskSecret } from './widget-setup';

type Loaded = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; webhook: TelephonyWebhook };

/**
 * "Telephony webhook" for a phone channel (owners and admins): the address a telephony system posts its calls
 * to, the signing secret (hidden until shown) and a rotation, after which the previous secret works for a day.
 */
export function TelephonyWebhookPanel({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [isSecretShown, setSecretShown] = useState(false);
  const rotation = useSubmission();
  const urlRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const channelId = channel.id;

  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    setSecretShown(false);
    fetchTelephonyWebhook(channelId).then(
      (webhook) => isCurrent && setLoaded({ status: 'ready', webhook }),
      (error: unknown) => isCurrent && setLoaded({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [channelId]);

  function rotate() {
    void rotation.run(async () => {
      const webhook = await rotateTelephonyWebhook(channelId);
      setLoaded({ status: 'ready', webhook });
    });
  }

  const webhook = loaded.status === 'ready' ? loaded.webhook : null;
  const address = webhook ? webhookAddress(webhook.url, window.location.origin) : '';
  const previousUntil = webhook ? previousSecretUntil(webhook, new Date()) : null;
  return (
    <section className="panel telephony-webhook" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('calls.webhook.title')}</h2>
      <p>{t('calls.webhook.intro', { name: channel.name })}</p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {webhook && (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-url`}>
              {t('calls.webhook.url')}
            </label>
            <div className="telephony-webhook__value">
              <input
                ref={urlRef}
                id={`${id}-url`}
                className="input input--mono"
                aria-describedby={`${id}-url-hint`}
                readOnly
                value={address}
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={address} field={() => urlRef.current} label={t('calls.webhook.copyUrl')} />
            </div>
            <p className="field__hint" id={`${id}-url-hint`}>
              {t('calls.webhook.urlHint')}
            </p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-secret`}>
              {t('calls.webhook.secret')}
            </label>
            <div className="telephony-webhook__value">
              <input
                ref={secretRef}
                id={`${id}-secret`}
                className="input input--mono"
                aria-describedby={`${id}-secret-hint`}
                readOnly
                value={isSecretShown ? webhook.secret : maskSecret(webhook.secret)}
                onFocus={(event) => isSecretShown && event.currentTarget.select()}
              />
              <button
                type="button"
                className="button button--small"
                aria-pressed={isSecretShown}
                onClick={() => setSecretShown((shown) => !shown)}
              >
                {isSecretShown ? t('calls.webhook.hideSecret') : t('calls.webhook.showSecret')}
              </button>
              <CopyButton
                text={webhook.secret}
                field={() => (isSecretShown ? secretRef.current : null)}
                label={t('calls.webhook.copySecret')}
              />
            </div>
            <p className="field__hint" id={`${id}-secret-hint`}>
              {t('calls.webhook.secretHint')}
            </p>
          </div>
          {rotation.hasSucceeded && <StatusMessage>{t('calls.webhook.rotated')}</StatusMessage>}
          <ErrorMessage error={rotation.error} />
          {previousUntil && (
            <p className="muted">{t('calls.webhook.previousUntil', { time: formatDateTime(previousUntil, locale) })}</p>
          )}
          <div className="form__actions">
            <button type="button" className="button" onClick={rotate} disabled={rotation.isPending}>
              {rotation.isPending ? t('calls.webhook.rotating') : t('calls.webhook.rotate')}
            </button>
          </div>
          <p className="field__hint">{t('calls.webhook.rotateHint')}</p>
        </>
      )}
    </section>
  );
}
