import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Identity, IdentityKind } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { StatusMessage } from '../../components/StatusMessage';
import { useSubmission } from '../../components/useSubmission';
import { api, apiRequest } from '../../platform/api-client';
import { clientFieldError, fieldProblems, problemUnder } from './customer-errors';
import { BreakableEmail } from './BreakableEmail';
import { CustomerErrorMessage } from './CustomerErrorMessage';
import { displayIdentity, identityHref, identityKinds, isPhoneKind } from './identities';
import { ProblemField } from './ProblemField';

interface IdentitiesSectionProps {
  customer: Customer;
  onChange: (customer: Customer) => void;
}

/** Emails, phones and channel ids: each a link where it can be one, add one, remove one. */
export function IdentitiesSection({ customer, onChange }: IdentitiesSectionProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<IdentityKind>('email');
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<{ change: 'added' | 'removed'; value: string } | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);
  // The value is one field of the body; the server may also name it inside an identities list.
  const valueProblem = problems.get('value') ?? problemUnder(problems, 'identities');

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    setRemoveError(null);
    if (!value.trim()) return submission.setError(clientFieldError({ value: 'required' }));
    void submission.run(async () => {
      const updated = await api.post<Customer>(`/customers/${customer.id}/identities`, { kind, value: value.trim() });
      const added = updated.identities.find((item) => !customer.identities.some((old) => old.id === item.id));
      setValue('');
      setStatus({ change: 'added', value: added ? displayIdentity(added.kind, added.value) : value.trim() });
      onChange(updated);
    });
  }

  async function remove(identity: Identity) {
    setStatus(null);
    setRemoveError(null);
    setRemovingId(identity.id);
    try {
      // Unlike most deletions, this one answers with the customer as they are now.
      const updated = await apiRequest<Customer>('DELETE', `/customers/${customer.id}/identities/${identity.id}`);
      setStatus({ change: 'removed', value: displayIdentity(identity.kind, identity.value) });
      onChange(updated);
    } catch (error) {
      setRemoveError(error);
    } finally {
      setRemovingId(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="identities-heading">
      <h2 id="identities-heading">{t('customers.identities.title')}</h2>
      <ErrorMessage error={removeError} />
      {status && (
        <StatusMessage>
          {status.change === 'added'
            ? t('customers.identities.added', { value: status.value })
            : t('customers.identities.removed', { value: status.value })}
        </StatusMessage>
      )}
      {customer.identities.length === 0 ? (
        <p className="muted">{t('customers.identities.none')}</p>
      ) : (
        <ul className="identity-list">
          {customer.identities.map((identity) => {
            const href = identityHref(identity.kind, identity.value);
            const shown = displayIdentity(identity.kind, identity.value);
            return (
              <li key={identity.id} className="identity-list__item">
                <span className="identity-list__kind">{t(`customers.identities.kinds.${identity.kind}`)}</span>
                <span className="identity-list__value">
                  {href ? (
                    <a href={href} {...(href.startsWith('https:') ? { target: '_blank', rel: 'noreferrer' } : {})}>
                      {identity.kind === 'email' ? <BreakableEmail email={shown} /> : shown}
                    </a>
                  ) : (
                    shown
                  )}
                </span>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={removingId === identity.id}
                  onClick={() => void remove(identity)}
                >
                  {t('customers.identities.remove')}
                  <span className="visually-hidden"> {shown}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="identity-form" onSubmit={submit} noValidate aria-label={t('customers.identities.add')}>
        <h3 className="identity-form__title">{t('customers.identities.add')}</h3>
        <CustomerErrorMessage error={problems.size > 0 ? null : submission.error} currentCustomerId={customer.id} />
        <Field label={t('customers.identities.kind')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={kind}
              onChange={(event) => setKind(identityKinds.find((item) => item === event.target.value) ?? 'email')}
            >
              {identityKinds.map((item) => (
                <option key={item} value={item}>
                  {t(`customers.identities.kinds.${item}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ProblemField
          label={t('customers.identities.value')}
          hint={isPhoneKind(kind) ? t('customers.form.phoneHint') : undefined}
          problem={valueProblem}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type={kind === 'email' ? 'email' : isPhoneKind(kind) ? 'tel' : 'text'}
              autoComplete="off"
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </ProblemField>
        <button type="submit" className="button button--small" disabled={submission.isPending}>
          {submission.isPending ? t('customers.identities.adding') : t('customers.identities.addButton')}
        </button>
      </form>
    </section>
  );
}
