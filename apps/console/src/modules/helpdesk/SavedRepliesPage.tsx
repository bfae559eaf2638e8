import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReply } from '@rapport/contracts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { useMe } from '../../app/session';
import { clientValidationError, invalidFields } from '../../platform/error-messages';
import { formatDate, formatList, languageName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { createSavedReply, deleteSavedReply, fetchSavedReplies, updateSavedReply } from './helpdesk-api';
import { useList } from './useList';
import { VariantsEditor } from './VariantsEditor';
import { emptyVariants, fromVariantInputs, toVariantInputs, type VariantInput } from './variants';
import './helpdesk.css';

/** Saved replies: the list, a form to write or change one (a text per language), delete. Every member may. */
export function SavedRepliesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe();
  const replies = useList(fetchSavedReplies);
  const blank = (): VariantInput[] => [{ language: me.workspace.defaultLocale, text: '' }];
  const [editing, setEditing] = useState<SavedReply | null>(null);
  const [name, setName] = useState('');
  const [variants, setVariants] = useState<VariantInput[]>(blank);
  const [emptyRows, setEmptyRows] = useState<number[]>([]);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  const [status, setStatus] = useState('');
  const submission = useSubmission();
  const invalid = invalidFields(submission.error);

  function startEditing(reply: SavedReply | null) {
    setEditing(reply);
    setName(reply?.name ?? '');
    setVariants(reply ? toVariantInputs(reply.variants) : blank());
    setEmptyRows([]);
    setStatus('');
    submission.reset();
    if (reply) window.setTimeout(() => document.getElementById('saved-reply-form-heading')?.scrollIntoView(), 0);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const empty = emptyVariants(variants);
    setEmptyRows(empty);
    const clientError = clientValidationError([
      ...(name.trim() ? [] : ['name']),
      ...(empty.length > 0 || variants.length === 0 ? ['variants'] : []),
    ]);
    if (clientError) return submission.setError(clientError);
    const input = { name: name.trim(), variants: fromVariantInputs(variants) };
    void submission.run(async () => {
      const saved = editing ? await updateSavedReply(editing.id, input) : await createSavedReply(input);
      replies.setItems((items) =>
        [...items.filter((item) => item.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name, locale)),
      );
      setEditing(null);
      setName('');
      setVariants(blank());
      setStatus(t('helpdesk.savedReplies.saved', { name: saved.name }));
    });
  }

  async function remove(reply: SavedReply) {
    await deleteSavedReply(reply.id);
    replies.setItems((items) => items.filter((item) => item.id !== reply.id));
    if (editing?.id === reply.id) startEditing(null);
    setStatus(t('helpdesk.savedReplies.deleted', { name: reply.name }));
  }

  const columns: DataTableColumn<SavedReply>[] = [
    { id: 'name', header: t('helpdesk.savedReplies.name'), cell: (reply) => reply.name },
    {
      id: 'languages',
      header: t('helpdesk.savedReplies.languages'),
      cell: (reply) =>
        formatList(
          Object.keys(reply.variants).map((code) => languageName(code, locale)),
          locale,
        ),
    },
    {
      id: 'updated',
      header: t('helpdesk.savedReplies.updated'),
      cell: (reply) => <time dateTime={reply.updatedAt}>{formatDate(reply.updatedAt, locale)}</time>,
    },
  ];

  return (
    <>
      <PageHeading title={t('helpdesk.savedReplies.title')}>
        <p>{t('helpdesk.savedReplies.intro')}</p>
      </PageHeading>
      <section className="section" aria-labelledby="saved-replies-heading">
        <h2 id="saved-replies-heading">{t('helpdesk.savedReplies.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {replies.state.status === 'loading' && <Loading />}
        {replies.state.status === 'failed' && (
          <>
            <ErrorMessage error={replies.state.error} />
            <button type="button" className="button" onClick={replies.reload}>
              {t('app.retry')}
            </button>
          </>
        )}
        {replies.state.status === 'ready' && replies.state.items.length === 0 && (
          <p className="muted">{t('helpdesk.savedReplies.none')}</p>
        )}
        {replies.state.status === 'ready' && replies.state.items.length > 0 && (
          <DataTable
            label={t('helpdesk.savedReplies.listTitle')}
            labelledBy="saved-replies-heading"
            columns={columns}
            rows={replies.state.items}
            rowKey={(reply) => reply.id}
            actions={(reply) => (
              <>
                <button type="button" className="button button--small" onClick={() => startEditing(reply)}>
                  {t('helpdesk.common.edit')}
                  <span className="visually-hidden"> {reply.name}</span>
                </button>{' '}
                <button type="button" className="button button--small button--danger-quiet" onClick={() => setDeleting(reply)}>
                  {t('helpdesk.common.delete')}
                  <span className="visually-hidden"> {reply.name}</span>
                </button>
              </>
            )}
          />
        )}
      </section>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="saved-reply-form-heading">
        <h2 id="saved-reply-form-heading">
          {editing ? t('helpdesk.common.editTitle', { name: editing.name }) : t('helpdesk.savedReplies.formTitle')}
        </h2>
        <ErrorMessage error={submission.error} />
        <Field
          label={t('helpdesk.savedReplies.name')}
          hint={t('helpdesk.savedReplies.nameHint')}
          isInvalid={invalid.includes('name')}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={120}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        {invalid.includes('variants') && variants.length === 0 && (
          <p className="field__error">{t('helpdesk.savedReplies.needsText')}</p>
        )}
        <VariantsEditor
          legend={t('helpdesk.savedReplies.texts')}
          value={variants}
          onChange={setVariants}
          invalidRows={emptyRows}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : t('helpdesk.savedReplies.save')}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => startEditing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {deleting && (
        <ConfirmDialog
          title={t('helpdesk.savedReplies.deleteTitle', { name: deleting.name })}
          body={t('helpdesk.savedReplies.deleteBody')}
          confirmLabel={t('helpdesk.common.delete')}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
