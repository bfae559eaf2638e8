import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { formatDateTime } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { CopyButton } from './CopyButton';
import { fetchTelephonyWebhook, previousSecretUntil, rotateTelephonyWebhook, webhookAddress } from './telephony-webhook';
import { SecretField } from './SecretField';
import { useChannelResource } from './useChannelResource';

/**
 * "Telephony webhook" for a phone channel (owners and admins): the address a telephony system posts its calls
 * to, the signing secret (hidden until shown) and a rotation, after which the previous secret works for a day.
 */
export function TelephonyWebhookPanel({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [loaded, setWebhook] = useChannelResource(fetchTelephonyWebhook, channel.id);
  const rotation = useSubmission();
  const urlRef = useRef<HTMLInputElement>(null);
  const channelId = channel.id;

  function rotate() {
    void rotation.run(async () => setWebhook(await rotateTelephonyWebhook(channelId)));
  }

  const webhook = loaded.status === 'ready' ? loaded.value : null;
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
          <SecretField
            key={channelId}
            id={`${id}-secret`}
            label={t('calls.webhook.secret')}
            hint={t('calls.webhook.secretHint')}
            secret={webhook.secret}
            texts={{
              show: t('calls.webhook.showSecret'),
              hide: t('calls.webhook.hideSecret'),
              copy: t('calls.webhook.copySecret'),
            }}
            rowClassName="telephony-webhook__value"
          />
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
