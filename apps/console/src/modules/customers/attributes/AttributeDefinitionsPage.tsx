import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attributeType, type AttributeDefinition } from '@rapport/contracts';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable, type DataTableColumn } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useSubmission } from '../../../components/useSubmission';
import { clientValidationError } from '../../../platform/error-messages';
import { formatList } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import {
  createAttributeDefinition,
  customersWithValue,
  definitionProblems,
  deleteAttributeDefinition,
  fetchAttributeDefinitions,
  keyFromLabel,
  parseChoices,
  updateAttributeDefinition,
} from './attribute-definitions';

type Type = AttributeDefinition['type'];
type ListState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; items: AttributeDefinition[] };
/** Deleting: first the plain question; when customers have values, the question whether to delete those too. */
type Deleting = { definition: AttributeDefinition; customerCount: number | null } | null;

const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Settings > Custom fields: the workspace's own customer fields (text,
 * number, date, yes/no, a choice from a list). Owners and admins add them,
 * rename them or change the choices (the key and the type stay), and delete
 * them — a field customers have values for only after a second confirmation
 * that deletes the values too.
 */
export function AttributeDefinitionsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [editing, setEditing] = useState<AttributeDefinition | null>(null);
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [isKeyTyped, setKeyTyped] = useState(false);
  const [type, setType] = useState<Type>('text');
  const [choices, setChoices] = useState('');
  const [deleting, setDeleting] = useState<Deleting>(null);
  const [status, setStatus] = useState('');
  const submission = useSubmission();
  const problems = definitionProblems(submission.error);

  const load = useCallback(() => {
    setList({ status: 'loading' });
    fetchAttributeDefinitions().then(
      (items) => setList({ status: 'ready', items }),
      (error: unknown) => setList({ status: 'failed', error }),
    );
  }, []);
  useEffect(load, [load]);

  const change = (update: (items: AttributeDefinition[]) => AttributeDefinition[]) =>
    setList((current) => (current.status === 'ready' ? { status: 'ready', items: update(current.items) } : current));

  function startEditing(definition: AttributeDefinition | null) {
    setEditing(definition);
    setLabel(definition?.label ?? '');
    setKey(definition?.key ?? '');
    setKeyTyped(false);
    setType(definition?.type ?? 'text');
    setChoices(definition?.choices.join('\n') ?? '');
    setStatus('');
    submission.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const choiceList = type === 'choice' ? parseChoices(choices) : [];
    const missing = [
      ...(label.trim() ? [] : ['label']),
      ...(editing || keyPattern.test(key) ? [] : ['key']),
      ...(type === 'choice' && choiceList.length === 0 ? ['choices'] : []),
    ];
    const clientError = clientValidationError(missing);
    if (clientError) return submission.setError(clientError);
    void submission.run(async () => {
      if (editing) {
        const saved = await updateAttributeDefinition(editing.key, {
          label: label.trim(),
          ...(editing.type === 'choice' ? { choices: choiceList } : {}),
        });
        change((items) => items.map((item) => (item.key === saved.key ? saved : item)));
        startEditing(null);
        setStatus(t('customers.attributeSettings.saved', { label: saved.label }));
      } else {
        const created = await createAttributeDefinition({ key, label: label.trim(), type, choices: choiceList });
        change((items) => [...items, created]);
        startEditing(null);
        setStatus(t('customers.attributeSettings.created', { label: created.label }));
      }
    });
  }

  async function remove(definition: AttributeDefinition, deleteValues: boolean) {
    try {
      await deleteAttributeDefinition(definition.key, deleteValues);
    } catch (error) {
      const customerCount = customersWithValue(error, 'attribute_in_use');
      // Values exist: ask again, saying how many customers lose theirs.
      if (customerCount !== null && !deleteValues) {
        setDeleting({ definition, customerCount });
        return;
      }
      throw error;
    }
    change((items) => items.filter((item) => item.key !== definition.key));
    if (editing?.key === definition.key) startEditing(null);
    setStatus(t('customers.attributeSettings.deleted', { label: definition.label }));
    setDeleting(null);
  }

  const columns: DataTableColumn<AttributeDefinition>[] = [
    { id: 'label', header: t('customers.attributeSettings.label'), cell: (d) => d.label },
    { id: 'key', header: t('customers.attributeSettings.key'), cell: (d) => <code>{d.key}</code> },
    { id: 'type', header: t('customers.attributeSettings.type'), cell: (d) => t(`customers.attributeSettings.types.${d.type}`) },
    {
      id: 'choices',
      header: t('customers.attributeSettings.choices'),
      cell: (d) => (d.choices.length ? formatList(d.choices, locale) : <span className="muted">—</span>),
    },
  ];
  const problemMessage = (field: 'key' | 'label' | 'choices') => {
    const problem = problems.get(field);
    return problem ? t(problem.key, problem.values) : undefined;
  };
  const invalid = (field: 'key' | 'label' | 'choices') => problems.has(field);

  return (
    <>
      <PageHeading title={t('customers.attributeSettings.title')}>
        <p>{t('customers.attributeSettings.intro')}</p>
      </PageHeading>
      <section className="section" aria-labelledby="attributes-list-heading">
        <h2 id="attributes-list-heading">{t('customers.attributeSettings.listTitle')}</h2>
        {status && <StatusMessage>{status}</StatusMessage>}
        {list.status === 'loading' && <Loading />}
        {list.status === 'failed' && (
          <>
            <ErrorMessage error={list.error} />
            <button type="button" className="button" onClick={load}>
              {t('app.retry')}
            </button>
          </>
        )}
        {list.status === 'ready' && list.items.length === 0 && <p className="muted">{t('customers.attributeSettings.none')}</p>}
        {list.status === 'ready' && list.items.length > 0 && (
          <DataTable
            label={t('customers.attributeSettings.listTitle')}
            labelledBy="attributes-list-heading"
            columns={columns}
            rows={list.items}
            rowKey={(d) => d.key}
            actions={(d) => (
              <>
                <button type="button" className="button button--small" onClick={() => startEditing(d)}>
                  {t('customers.attributeSettings.edit')}
                  <span className="visually-hidden"> {d.label}</span>
                </button>{' '}
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => setDeleting({ definition: d, customerCount: null })}
                >
                  {t('customers.attributeSettings.delete')}
                  <span className="visually-hidden"> {d.label}</span>
                </button>
              </>
            )}
          />
        )}
      </section>
      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="attribute-form-heading">
        <h2 id="attribute-form-heading">
          {editing
            ? t('customers.attributeSettings.editTitle', { label: editing.label })
            : t('customers.attributeSettings.formTitle')}
        </h2>
        {problems.size === 0 && <ErrorMessage error={submission.error} />}
        <Field label={t('customers.attributeSettings.label')} isInvalid={invalid('label')} errorMessage={problemMessage('label')}>
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={80}
              value={label}
              onChange={(event) => {
                setLabel(event.target.value);
                if (!editing && !isKeyTyped) setKey(keyFromLabel(event.target.value));
              }}
            />
          )}
        </Field>
        <Field
          label={t('customers.attributeSettings.key')}
          hint={t('customers.attributeSettings.keyHint')}
          isInvalid={invalid('key')}
          errorMessage={problemMessage('key') ?? (invalid('key') ? t('customers.attributeSettings.keyFormat') : undefined)}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              value={key}
              readOnly={editing !== null}
              onChange={(event) => {
                setKey(event.target.value);
                setKeyTyped(true);
              }}
            />
          )}
        </Field>
        <Field label={t('customers.attributeSettings.type')} hint={t('customers.attributeSettings.typeHint')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={type}
              disabled={editing !== null}
              onChange={(event) => setType(event.target.value as Type)}
            >
              {attributeType.options.map((option) => (
                <option key={option} value={option}>
                  {t(`customers.attributeSettings.types.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {type === 'choice' && (
          <Field
            label={t('customers.attributeSettings.choices')}
            hint={t('customers.attributeSettings.choicesHint')}
            isInvalid={invalid('choices')}
            errorMessage={
              problemMessage('choices') ?? (invalid('choices') ? t('customers.attributeSettings.choicesNeeded') : undefined)
            }
          >
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={Math.min(10, Math.max(3, choices.split('\n').length + 1))}
                value={choices}
                onChange={(event) => setChoices(event.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : editing ? t('common.save') : t('customers.attributeSettings.create')}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => startEditing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {deleting && deleting.customerCount === null && (
        <ConfirmDialog
          title={t('customers.attributeSettings.deleteTitle', { label: deleting.definition.label })}
          body={t('customers.attributeSettings.deleteBody')}
          confirmLabel={t('customers.attributeSettings.deleteConfirm')}
          onConfirm={() => remove(deleting.definition, false)}
          onClose={() => setDeleting((current) => (current?.customerCount === null ? null : current))}
        />
      )}
      {deleting && deleting.customerCount !== null && (
        <ConfirmDialog
          key="values"
          title={t('customers.attributeSettings.deleteValuesTitle', { label: deleting.definition.label })}
          body={t('customers.attributeSettings.deleteValuesBody', { count: deleting.customerCount })}
          confirmLabel={t('customers.attributeSettings.deleteValuesConfirm')}
          onConfirm={() => remove(deleting.definition, true)}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
