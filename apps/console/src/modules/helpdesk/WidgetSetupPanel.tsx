import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ChatWidgetSetup } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { api } from '../../platform/api-client';
import { CopyButton } from './CopyButton';
import { SecretField } from './SecretField';
import { useChannelResource } from './useChannelResource';
import { nodeSignatureExample, secretVariable, settingsExample } from './widget-setup';

/** What goes into the site for a chat channel (owners and admins): the snippet, the widget key and the identity secret. */
function fetchWidgetSetup(channelId: string): Promise<ChatWidgetSetup> {
  return api.get<ChatWidgetSetup>(`/channels/${encodeURIComponent(channelId)}/widget`);
}

/**
 * "Install on your website" for a chat channel: the snippet to paste into every page, and the identity secret
 * (hidden until shown) with how the site's server signs a signed-in user's identity with it.
 */
export function WidgetSetupPanel({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const id = useId();
  const [loaded] = useChannelResource(fetchWidgetSetup, channel.id);
  const snippetRef = useRef<HTMLTextAreaElement>(null);

  return (
    <section className="panel widget-setup" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('chat.install.title')}</h2>
      <p>{t('chat.install.intro', { name: channel.name })}</p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-snippet`}>
              {t('chat.install.snippet')}
            </label>
            <textarea
              ref={snippetRef}
              id={`${id}-snippet`}
              className="input textarea input--mono widget-setup__code"
              aria-describedby={`${id}-snippet-hint`}
              readOnly
              rows={Math.min(8, loaded.value.snippet.split('\n').length + 1)}
              value={loaded.value.snippet}
              onFocus={(event) => event.currentTarget.select()}
            />
            <p className="field__hint" id={`${id}-snippet-hint`}>
              {t('chat.install.snippetHint')}
            </p>
            <div className="widget-setup__actions">
              <CopyButton text={loaded.value.snippet} field={() => snippetRef.current} label={t('chat.install.copySnippet')} />
            </div>
          </div>

          <h3>{t('chat.install.identityTitle')}</h3>
          <p>{t('chat.install.identityIntro')}</p>
          <SecretField
            key={channel.id}
            id={`${id}-secret`}
            label={t('chat.install.secret')}
            hint={t('chat.install.secretHint')}
            secret={loaded.value.identitySecret}
            texts={{ show: t('chat.install.showSecret'), hide: t('chat.install.hideSecret'), copy: t('chat.install.copySecret') }}
            rowClassName="widget-setup__secret"
          />
          <ol className="widget-setup__steps">
            <li>
              {t('chat.install.stepSign', { variable: secretVariable })}
              <pre className="widget-setup__example">
                <code>{nodeSignatureExample()}</code>
              </pre>
            </li>
            <li>
              {t('chat.install.stepSettings')}
              <pre className="widget-setup__example">
                <code>{settingsExample()}</code>
              </pre>
            </li>
          </ol>
          <p className="field__hint">{t('chat.install.identityNote')}</p>
        </>
      )}
    </section>
  );
}
