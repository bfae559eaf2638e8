import { useId, useState, type DragEvent, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, RenderedSavedReply } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { formatList } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { mentionedIn } from './mentions';
import { MentionSuggestions, useMentionSuggestions } from './MentionSuggestions';
import { insertAtCursor } from './saved-replies';
import { SavedReplyPicker } from './SavedReplyPicker';
import { AttachButton, ComposerAttachments } from './ComposerAttachments';
import { useDraftAttachments } from './useDraftAttachments';

export type ComposerMode = 'reply' | 'note';
const allModes: ComposerMode[] = ['reply', 'note'];
const notesOnly: ComposerMode[] = ['note'];

interface ComposerProps {
  conversationId: string;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  members: Member[];
  customerName: string;
  /** Sends a reply or adds a note; a thrown error is shown and the text kept. */
  onSend: (input: { kind: ComposerMode; body: string; mentions: string[]; attachmentIds: string[] }) => Promise<void>;
  /** Whether the channel takes replies; without, only notes can be written (a phone channel). */
  canReply?: boolean;
  /** Whether replies can carry files (email; not a chat). Notes always can. */
  canSendAttachments?: boolean;
  /** How the reply travels, under the reply box (by email, to the chat window). */
  replyHint?: string;
  /** Told of every change of the reply draft (a chat announces the agent's typing). */
  onReplyDraft?: (text: string) => void;
}

/**
 * Writing to the customer (Reply) or to colleagues (Internal note, with
 * @mentions suggested as one types). Each tab keeps its own draft and files
 * (attached with the button or dropped on the composer, uploaded at once);
 * Ctrl+Enter (⌘+Enter) sends. A saved reply, filled in for this
 * conversation, goes in at the cursor; placeholders it had no value for are
 * named in a warning.
 */
export function Composer({
  conversationId,
  mode: requestedMode,
  onModeChange,
  textareaRef,
  members,
  customerName,
  onSend,
  canReply = true,
  canSendAttachments = true,
  replyHint,
  onReplyDraft,
}: ComposerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [drafts, setDrafts] = useState<Record<ComposerMode, string>>({ reply: '', note: '' });
  const [sent, setSent] = useState<ComposerMode | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [isDropTarget, setDropTarget] = useState(false);
  const submission = useSubmission();
  const attachments = useDraftAttachments<ComposerMode>(conversationId);
  const modes = canReply ? allModes : notesOnly;
  const mode: ComposerMode = canReply ? requestedMode : 'note';
  const canAttach = mode === 'note' || canSendAttachments;
  const body = drafts[mode];
  const setBody = (text: string) => {
    setDrafts((current) => ({ ...current, [mode]: text }));
    if (mode === 'reply') onReplyDraft?.(text);
  };
  const mentions = useMentionSuggestions({
    isEnabled: mode === 'note',
    members,
    text: body,
    textareaRef,
    onInsert: setBody,
  });

  function send() {
    const text = body.trim();
    if (!text || submission.isPending || attachments.isUploading(mode)) return;
    setSent(null);
    const mentioned = mode === 'note' ? mentionedIn(text, members).map((member) => member.userId) : [];
    const kind = mode;
    const attachmentIds = canAttach ? attachments.attachmentIdsOf(kind) : [];
    void submission.run(async () => {
      await onSend({ kind, body: text, mentions: mentioned, attachmentIds });
      setDrafts((current) => ({ ...current, [kind]: '' }));
      attachments.clear(kind);
      setSent(kind);
      if (kind === 'reply') setMissing([]);
    });
  }

  function insertSavedReply(rendered: RenderedSavedReply) {
    const textarea = textareaRef.current;
    const next = insertAtCursor(
      body,
      textarea?.selectionStart ?? body.length,
      textarea?.selectionEnd ?? body.length,
      rendered.body,
    );
    setBody(next.text);
    setMissing(rendered.missing);
    setSent(null);
    // After React wrote the new text: the caret goes after the inserted reply.
    window.setTimeout(() => {
      textarea?.focus();
      textarea?.setSelectionRange(next.caret, next.caret);
    }, 0);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  }

  // Arrow keys move between the tabs, as in every tab list.
  function onTabKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = modes.indexOf(mode);
    const next =
      event.key === 'Home'
        ? modes[0]
        : event.key === 'End'
          ? modes[modes.length - 1]
          : modes[(index + (event.key === 'ArrowRight' ? 1 : modes.length - 1)) % modes.length];
    if (next) {
      onModeChange(next);
      document.getElementById(`${id}-tab-${next}`)?.focus();
    }
  }

  // Files dropped on the composer are attached, as if chosen with the button.
  function hasFiles(event: DragEvent) {
    return canAttach && event.dataTransfer.types.includes('Files');
  }
  function onDragOver(event: DragEvent) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropTarget(true);
  }
  function onDrop(event: DragEvent) {
    setDropTarget(false);
    if (!hasFiles(event)) return;
    event.preventDefault();
    const dropped = [...event.dataTransfer.files];
    if (dropped.length) attachments.add(mode, dropped);
  }

  const isEmpty = body.trim() === '';
  const isUploading = attachments.isUploading(mode);
  return (
    <section
      className={`panel composer composer--${mode}${isDropTarget ? ' composer--drop' : ''}`}
      aria-labelledby={`${id}-tab-${mode}`}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(false);
      }}
      onDrop={onDrop}
    >
      {canReply ? (
        <div className="composer__tabs" role="tablist" aria-label={t('conversations.composer.label')}>
          {modes.map((item) => (
            <button
              key={item}
              type="button"
              role="tab"
              id={`${id}-tab-${item}`}
              aria-selected={mode === item}
              aria-controls={`${id}-panel`}
              tabIndex={mode === item ? 0 : -1}
              className="composer__tab"
              onClick={() => onModeChange(item)}
              onKeyDown={onTabKeyDown}
            >
              {t(`conversations.composer.tab.${item}`)}
            </button>
          ))}
        </div>
      ) : (
        <div className="composer__single">
          <h2 className="composer__single-title" id={`${id}-tab-note`}>
            {t('conversations.composer.tab.note')}
          </h2>
          <p className="muted small">{t('chat.composer.notesOnly')}</p>
        </div>
      )}
      <form
        id={`${id}-panel`}
        role={canReply ? 'tabpanel' : undefined}
        aria-labelledby={`${id}-tab-${mode}`}
        onSubmit={submit}
        noValidate
      >
        <ErrorMessage error={submission.error} />
        <Field
          label={
            mode === 'reply'
              ? t('conversations.composer.replyLabel', { name: customerName })
              : t('conversations.composer.noteLabel')
          }
          hint={mode === 'reply' ? (replyHint ?? t('conversations.composer.replyHint')) : t('conversations.composer.noteHint')}
        >
          {(control) => (
            <textarea
              {...control}
              {...mentions.textareaProps}
              ref={textareaRef}
              className="input textarea composer__text"
              rows={5}
              maxLength={100_000}
              value={body}
              onChange={(event) => {
                setBody(event.target.value);
                mentions.onTextChange(event.target);
              }}
              onKeyDown={onKeyDown}
              onBlur={mentions.close}
              onClick={(event) => mentions.onTextChange(event.currentTarget)}
            />
          )}
        </Field>
        <MentionSuggestions {...mentions.listProps} />
        {canAttach && <ComposerAttachments files={attachments.filesOf(mode)} onRemove={(key) => attachments.remove(mode, key)} />}
        {isDropTarget && <p className="composer__drop-hint">{t('conversations.composer.dropFiles')}</p>}
        <div className="composer__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending || isEmpty || isUploading}>
            {submission.isPending
              ? t('conversations.composer.sending')
              : isUploading
                ? t('conversations.composer.uploading')
                : mode === 'reply'
                  ? t('conversations.composer.sendReply')
                  : t('conversations.composer.addNote')}
          </button>
          {canAttach && <AttachButton onChoose={(files) => attachments.add(mode, files)} />}
          {mode === 'reply' && <SavedReplyPicker conversationId={conversationId} onInsert={insertSavedReply} />}
          <span className="muted small">{t('conversations.composer.sendKeys')}</span>
        </div>
        {mode === 'reply' && missing.length > 0 && (
          <p className="alert alert--info composer__missing" role="status">
            {t('conversations.savedReplies.missing', {
              placeholders: formatList(
                missing.map((name) => `{{${name}}}`),
                currentLocale(),
              ),
            })}
          </p>
        )}
        {sent && (
          <StatusMessage>
            {sent === 'reply' ? t('conversations.composer.replyQueued') : t('conversations.composer.noteAdded')}
          </StatusMessage>
        )}
      </form>
    </section>
  );
}
