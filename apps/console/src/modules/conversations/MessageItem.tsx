import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, MessageAttachment } from '@rapport/contracts';
import { currentLocale } from '../../platform/i18n';
import { RelativeTime } from '../customers/RelativeTime';
import { attachmentUrl } from './conversations-api';
import { envelopeAddresses } from './envelope';
import { HtmlMessageFrame } from './HtmlMessageFrame';
import { deliveryKey } from './labels';
import { QuoteToggle } from './QuoteToggle';

/** A file size in the UI language: "820 B", "12 kB", "3.4 MB". */
export function formatFileSize(bytes: number, locale: string): string {
  const [unit, value] =
    bytes < 1000
      ? (['byte', bytes] as const)
      : bytes < 1_000_000
        ? (['kilobyte', bytes / 1000] as const)
        : (['megabyte', bytes / 1_000_000] as const);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/**
 * A plain-text message: an email reply's new text, with the history it quotes folded away behind a toggle
 * ("Show quoted text") when the server found some.
 */
function MessageText({ message }: { message: Message }) {
  const quotedId = useId();
  const [isQuoteShown, setQuoteShown] = useState(false);
  if (!message.quotedText) return <div className="message__text">{message.bodyText}</div>;
  return (
    <>
      <div className="message__text">{message.replyText}</div>
      <QuoteToggle isShown={isQuoteShown} controls={quotedId} onToggle={() => setQuoteShown((shown) => !shown)} />
      <div className="message__text message__quoted" id={quotedId} hidden={!isQuoteShown}>
        {message.quotedText}
      </div>
    </>
  );
}

/** The files to list: every attachment, except inline images an HTML body already shows. */
function listedAttachments(message: Message): MessageAttachment[] {
  return message.hasHtml ? message.attachments.filter((attachment) => !attachment.contentId) : message.attachments;
}

interface MessageItemProps {
  message: Message;
  customerName: string;
  memberName: (userId: string | null) => string | undefined;
  now: Date;
  /** The customer has seen this reply (and every one before it). */
  isSeen?: boolean;
}

/**
 * One entry of the thread: from the customer, a reply (with whether it was
 * sent, is waiting or failed, and why), or an internal note that looks like
 * one; its text or sandboxed HTML, and its attachments as downloads.
 */
export function MessageItem({ message, customerName, memberName, now, isSeen = false }: MessageItemProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const headingId = useId();
  const [sender] = envelopeAddresses(message.envelope.from);
  const author =
    message.direction === 'inbound'
      ? (sender?.name ?? customerName)
      : (memberName(message.authorUserId) ??
        (message.authorUserId ? t('common.unknownPerson') : t('conversations.thread.system')));
  const kind = t(`conversations.thread.kind.${message.direction}`);
  const attachments = listedAttachments(message);
  const isRetrying = message.deliveryStatus === 'queued' && message.deliveryError;
  return (
    <li className={`message message--${message.direction}`}>
      <article aria-labelledby={headingId}>
        <header className="message__meta">
          <h3 className="message__author" id={headingId}>
            {author}
            <span className="visually-hidden">, </span>
            <span className="message__kind">{kind}</span>
          </h3>
          {message.direction === 'inbound' && sender && <span className="message__address">{sender.address}</span>}
          <RelativeTime iso={message.createdAt} now={now} />
          {message.direction === 'outbound' && (
            <span className={`badge delivery delivery--${message.deliveryStatus}`}>{t(deliveryKey(message.deliveryStatus))}</span>
          )}
          {isSeen && <span className="badge message__seen">{t('chat.conversation.seen')}</span>}
        </header>
        {message.direction === 'outbound' && message.deliveryStatus === 'failed' && (
          <p className="message__error" role="note">
            {t('conversations.thread.failedBecause', { error: message.deliveryError ?? t('errors.unknown') })}
          </p>
        )}
        {message.direction === 'outbound' && isRetrying && (
          <p className="message__retrying">{t('conversations.thread.retrying', { error: message.deliveryError })}</p>
        )}
        {message.hasHtml ? (
          <HtmlMessageFrame
            messageId={message.id}
            hasRemoteImages={message.hasRemoteImages}
            hasQuotedHistory={message.hasQuotedHistory}
            title={t('conversations.thread.htmlTitle', { author })}
          />
        ) : (
          <MessageText message={message} />
        )}
        {attachments.length > 0 && (
          <ul className="message__attachments" aria-label={t('conversations.thread.attachments')}>
            {attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={attachmentUrl(message.id, attachment.id)} download={attachment.fileName}>
                  {attachment.fileName}
                </a>{' '}
                <span className="muted small">({formatFileSize(attachment.size, locale)})</span>
              </li>
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}
