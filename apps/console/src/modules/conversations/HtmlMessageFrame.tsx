import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageHtmlUrl } from './conversations-api';
import { QuoteToggle } from './QuoteToggle';

/**
 * The sandbox of an email's HTML: links may open in a new tab (outside the
 * sandbox), nothing else. Never scripts, never the console's origin: the
 * document also carries its own sandboxing Content-Security-Policy.
 */
const sandbox = 'allow-popups allow-popups-to-escape-sandbox';

interface HtmlMessageFrameProps {
  messageId: string;
  hasRemoteImages: boolean;
  /** The HTML has quoted history under the reply: folded in the document until the agent shows it. */
  hasQuotedHistory: boolean;
  /** Names the frame for assistive technology ("Message from …"). */
  title: string;
}

/**
 * An email's sanitized HTML in a sandboxed frame from the server, remote
 * images blocked until the agent asks for them ("show images" switches the
 * frame to the document that allows them), and the quoted history under a
 * reply folded away behind "Show quoted text", as for plain text.
 */
export function HtmlMessageFrame({ messageId, hasRemoteImages, hasQuotedHistory, title }: HtmlMessageFrameProps) {
  const { t } = useTranslation();
  const frameId = useId();
  const [showImages, setShowImages] = useState(false);
  const [showQuoted, setShowQuoted] = useState(false);
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
          id={frameId}
          className="message-html__frame"
          sandbox={sandbox}
          src={messageHtmlUrl(messageId, { showImages, showQuoted })}
          title={title}
          referrerPolicy="no-referrer"
          loading="lazy"
        />
      </div>
      {hasQuotedHistory && (
        <QuoteToggle isShown={showQuoted} controls={frameId} onToggle={() => setShowQuoted((shown) => !shown)} />
      )}
    </div>
  );
}
