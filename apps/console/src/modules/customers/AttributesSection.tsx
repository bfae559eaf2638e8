import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributeDefinition, Customer } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { FieldControlProps } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { attributeInputs, diffAttributes } from './attribute-values';
import { clientFieldError, fieldProblems } from './customer-errors';
import { ProblemField } from './ProblemField';

interface AttributesSectionProps {
  customer: Customer;
  onChange: (customer: Customer) => void;
}

type LoadState =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; definitions: AttributeDefinition[] };

interface AttributeInputProps {
  definition: AttributeDefinition;
  value: string;
  onChange: (value: string) => void;
  control: FieldControlProps;
}

/** The input that fits the attribute's type: text, number, date, yes/no or one of its choices. */
function AttributeInput({ definition, value, onChange, control }: AttributeInputProps) {
  const { t } = useTranslation();
  if (definition.type === 'boolean' || definition.type === 'choice') {
    const options =
      definition.type === 'boolean'
        ? [
            { value: 'true', label: t('customers.attributes.yes') },
            { value: 'false', label: t('customers.attributes.no') },
          ]
        : definition.choices.map((choice) => ({ value: choice, label: choice }));
    // A saved value that is no longer among the choices stays visible until it is changed.
    if (value && !options.some((option) => option.value === value)) options.push({ value, label: value });
    return (
      <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('common.notSet')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  const type = definition.type === 'number' ? 'number' : definition.type === 'date' ? 'date' : 'text';
  return (
    <input
      {...control}
      className={definition.type === 'date' ? 'input input--date' : 'input'}
      type={type}
      step={definition.type === 'number' ? 'any' : undefined}
      inputMode={definition.type === 'number' ? 'decimal' : undefined}
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** The workspace's own customer fields (plan, account manager…), each with an input of its type. */
export function AttributesSection({ customer, onChange }: AttributesSectionProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);

  useEffect(() => {
    let isCurrent = true;
    api
      .get<{ items: AttributeDefinition[] }>('/customer-attributes')
      .then((page) => {
        if (!isCurrent) return;
        setState({ status: 'ready', definitions: page.items });
        setInputs(attributeInputs(page.items, customer.attributes));
      })
      .catch((error: unknown) => isCurrent && setState({ status: 'failed', error }));
    return () => {
      isCurrent = false;
    };
    // The inputs start from the customer as first shown (a page per customer); saving refreshes them.
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (state.status !== 'ready') return;
    const { changes, problems: found } = diffAttributes(state.definitions, customer.attributes, inputs);
    const clientError = clientFieldError(found);
    if (clientError) return submission.setError(clientError);
    if (Object.keys(changes).length === 0) return;
    const definitions = state.definitions;
    void submission.run(async () => {
      const updated = await api.patch<Customer>(`/customers/${customer.id}`, { attributes: changes });
      setInputs(attributeInputs(definitions, updated.attributes));
      onChange(updated);
    });
  }

  return (
    <section className="panel" aria-labelledby="attributes-heading">
      <h2 id="attributes-heading">{t('customers.attributes.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.definitions.length === 0 && <p className="muted">{t('customers.attributes.none')}</p>}
      {state.status === 'ready' && state.definitions.length > 0 && (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="attributes-heading">
          <ErrorMessage error={problems.size > 0 ? null : submission.error} />
          {state.definitions.map((definition) => (
            <ProblemField key={definition.key} label={definition.label} problem={problems.get(`attributes.${definition.key}`)}>
              {(control) => (
                <AttributeInput
                  definition={definition}
                  control={control}
                  value={inputs[definition.key] ?? ''}
                  onChange={(value) => {
                    setInputs({ ...inputs, [definition.key]: value });
                    submission.reset();
                  }}
                />
              )}
            </ProblemField>
          ))}
          <div className="form__actions">
            <button type="submit" className="button button--small" disabled={submission.isPending}>
              {submission.isPending ? t('common.saving') : t('customers.attributes.save')}
            </button>
            {submission.hasSucceeded && <StatusMessage>{t('common.saved')}</StatusMessage>}
          </div>
        </form>
      )}
    </section>
  );
}
