import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useSubmission } from '../../../components/useSubmission';
import { currentLocale } from '../../../platform/i18n';
import { clientFieldError } from '../customer-errors';
import { uploadCustomerImport } from './import-api';
import { formatFileSize } from './import-format';
import { uploadProblem } from './import-problems';
import { ImportField } from './ImportField';

/** The server takes files up to 1 GiB; a larger one is refused before it is sent. */
const maxUploadBytes = 1024 ** 3;

/**
 * Step 1: choose a CSV file (or drop it on the box) and upload it. Nothing is
 * imported yet: the next step shows how the file was read and asks what each
 * column holds.
 */
export function ImportUploadForm() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const locale = currentLocale();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [isDragging, setDragging] = useState(false);
  const submission = useSubmission();
  const problem = uploadProblem(submission.error);

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files;
    if (dropped.length === 0) return;
    // The input shows the dropped file as if it had been chosen there.
    if (input.current) input.current.files = dropped;
    setFile(dropped[0] ?? null);
    submission.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return submission.setError(clientFieldError({ body: 'no_file' }));
    if (file.size > maxUploadBytes) return submission.setError(clientFieldError({ body: 'too_large' }));
    void submission.run(async () => {
      const created = await uploadCustomerImport(file, me.csrfToken);
      void navigate(`/customers/import/${created.id}`);
    });
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="import-upload-heading">
      <h2 id="import-upload-heading">{t('customers.import.upload.title')}</h2>
      <ErrorMessage error={problem ? null : submission.error} />
      <div
        className={isDragging ? 'import-dropzone import-dropzone--active' : 'import-dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <ImportField label={t('customers.import.upload.file')} hint={t('customers.import.upload.fileHint')} problem={problem}>
          {(control) => (
            <input
              {...control}
              ref={input}
              className="input import-dropzone__input"
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                submission.reset();
              }}
            />
          )}
        </ImportField>
        <p className="import-dropzone__note">
          {file
            ? t('customers.import.upload.chosen', { name: file.name, size: formatFileSize(file.size, locale) })
            : t('customers.import.upload.dropHint')}
        </p>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submission.isPending}>
          {submission.isPending ? t('customers.import.upload.uploading') : t('customers.import.upload.submit')}
        </button>
      </div>
    </form>
  );
}
