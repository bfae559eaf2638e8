import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageHtmlUrl } from './conversations-api';

/**
 * The sandbox of an email's HTML: links may open in a new tab (outside the
 * sandbox), nothing else. Never scripts, never the console's origin: the
 * document also carries its own sandboxing Content-Security-Policy.
 */
const sandbox = 'allow-popups allow-popups-to-escape-sandbox';

interface HtmlMessageFrameProps {
  messageId: string;
  hasRemoteImages: boolean;
  /** Names the frame for assistive technology ("Message from …"). */
  title: string;
}

/**
 * An email's sanitized HTML in a sandboxed frame from the server, remote
 * images blocked until the agent asks for them ("show images" switches the
 * frame to the document that allows them).
 */
export function HtmlMessageFrame({ messageId, hasRemoteImages, title }: HtmlMessageFrameProps) {
  const { t } = useTranslation();
  const [showImages, setShowImages] = useState(false);
  return (
    <div className="message-html">
      {hasRemoteImages && !showImages && (
        <p className="message-html__images">
          <span>{t('conversations.thread.imagesBlocked')}</span>
          <button type="button" className="button button--small" onClick={() => setShowImages(true)}>
            {t('conversations.thread.showImages')}
          </button>
        </p>
      )}
      <div className="message-html__frame-wrap">
        <iframe
          className="message-html__frame"
          sandbox={sandbox}
          src={messageHtmlUrl(messageId, showImages)}
          title={title}
          referrerPolicy="no-referrer"
          loading="lazy"
        />
      </div>
    </div>
  );
}
