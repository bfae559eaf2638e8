import { useRef, useState } from 'react';
import type { DraftAttachment } from '@rapport/contracts';
import { removeAttachment, uploadAttachment } from './conversations-api';

/** A file chosen for the message being written: uploading, uploaded (its attachment), or refused (why). */
export interface DraftFile {
  /** The browser's own id of the choice (a file chosen twice is two entries). */
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'failed';
  attachment?: DraftAttachment;
  error?: unknown;
}

/**
 * The files attached to each draft of a conversation's composer (reply, note): each is uploaded as soon as it is
 * chosen, listed with its state, and can be removed (an uploaded one is removed on the server too; should that
 * fail, the server's daily cleanup removes it). `attachmentIdsOf` gives those ready to go with the message.
 */
export function useDraftAttachments<Draft extends string>(conversationId: string) {
  const [files, setFiles] = useState<Partial<Record<Draft, DraftFile[]>>>({});
  // Files belong to one conversation: another one opened in the same page starts without any.
  const [filesOf, setFilesOf] = useState(conversationId);
  if (filesOf !== conversationId) {
    setFilesOf(conversationId);
    setFiles({});
  }
  // An upload that finishes after its entry was removed must not bring it back.
  const removed = useRef(new Set<string>());

  function change(draft: Draft, edit: (list: DraftFile[]) => DraftFile[]) {
    setFiles((current) => ({ ...current, [draft]: edit(current[draft] ?? []) }));
  }

  function add(draft: Draft, chosen: File[]) {
    const entries = chosen.map((file) => ({ file, key: crypto.randomUUID() }));
    change(draft, (list) => [
      ...list,
      ...entries.map(({ file, key }): DraftFile => ({ key, name: file.name, size: file.size, status: 'uploading' })),
    ]);
    for (const { file, key } of entries) {
      const settle = (result: Partial<DraftFile>) =>
        change(draft, (list) => list.map((item) => (item.key === key ? { ...item, ...result } : item)));
      void uploadAttachment(conversationId, file).then(
        (attachment) => {
          if (removed.current.has(key)) return removeAttachment(conversationId, attachment.id).catch(() => undefined);
          settle({ status: 'ready', attachment, name: attachment.fileName });
        },
        (error: unknown) => settle({ status: 'failed', error }),
      );
    }
  }

  function remove(draft: Draft, key: string) {
    removed.current.add(key);
    const attachment = (files[draft] ?? []).find((item) => item.key === key)?.attachment;
    if (attachment) void removeAttachment(conversationId, attachment.id).catch(() => undefined);
    change(draft, (list) => list.filter((item) => item.key !== key));
  }

  return {
    filesOf: (draft: Draft): DraftFile[] => files[draft] ?? [],
    attachmentIdsOf: (draft: Draft): string[] =>
      (files[draft] ?? []).flatMap((item) => (item.status === 'ready' && item.attachment ? [item.attachment.id] : [])),
    isUploading: (draft: Draft): boolean => (files[draft] ?? []).some((item) => item.status === 'uploading'),
    add,
    remove,
    /** Forgets a draft's files once its message is sent (they belong to the message now). */
    clear: (draft: Draft) => change(draft, () => []),
  };
}
