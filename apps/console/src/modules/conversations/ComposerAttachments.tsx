import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../platform/api-client';
import { describeError } from '../../platform/error-messages';
import { currentLocale } from '../../platform/i18n';
import { formatFileSize } from './MessageItem';
import type { DraftFile } from './useDraftAttachments';

/** Why a file could not be attached, in words: its size limit when it was too large. */
function useFailureText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    const maxBytes = error instanceof ApiError ? (error.details as { maxBytes?: unknown } | undefined)?.maxBytes : undefined;
    if (error instanceof ApiError && error.code === 'attachment_too_large' && typeof maxBytes === 'number')
      return t('conversations.composer.fileTooLarge', { size: formatFileSize(maxBytes, currentLocale()) });
    const message = describeError(error);
    return t('conversations.composer.fileFailed', { error: t(message.key, message.values) });
  };
}

/** The "Attach files" button (a file picker for several files). */
export function AttachButton({ onChoose }: { onChoose: (files: File[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {t('conversations.composer.attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('conversations.composer.attach')}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          // Cleared, so that choosing the same file again is a change too.
          event.target.value = '';
          if (chosen.length) onChoose(chosen);
        }}
      />
    </>
  );
}

/** The files chosen for the message: name, size, whether it is uploading or why it failed, and a remove button. */
export function ComposerAttachments({ files, onRemove }: { files: DraftFile[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const locale = currentLocale();
  if (files.length === 0) return null;
  return (
    <ul className="composer__files" aria-label={t('conversations.composer.files')}>
      {files.map((file) => (
        <li key={file.key} className={`composer__file composer__file--${file.status}`}>
          <span className="composer__file-name" id={`file-${file.key}`}>
            {file.name}
          </span>{' '}
          <span className="muted small">({formatFileSize(file.size, locale)})</span>
          {file.status === 'uploading' && <span className="muted small">{t('conversations.composer.uploading')}</span>}
          {file.status === 'failed' && (
            <span className="composer__file-error small" role="alert">
              {failureText(file.error)}
            </span>
          )}
          {/* "Remove", described by the file's name (a screen reader hears which). */}
          <button
            type="button"
            className="button button--small button--quiet"
            aria-describedby={`file-${file.key}`}
            onClick={() => onRemove(file.key)}
          >
            {t('conversations.composer.removeFile')}
          </button>
        </li>
      ))}
    </ul>
  );
}
