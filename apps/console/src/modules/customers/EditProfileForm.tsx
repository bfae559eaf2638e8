import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientFieldError, fieldProblems } from './customer-errors';
import { customerToForm, diffCustomer } from './customer-form';
import { CustomerErrorMessage } from './CustomerErrorMessage';
import { CustomerProfileFields } from './CustomerProfileFields';

interface EditProfileFormProps {
  customer: Customer;
  /** With the saved customer, or null when cancelled or nothing changed. */
  onClose: (saved: Customer | null) => void;
}

/** The profile fields of the create form, filled in; saving sends only what changed. */
export function EditProfileForm({ customer, onClose }: EditProfileFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => customerToForm(customer));
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const patch = diffCustomer(customer, form);
    if (Object.keys(patch).length === 0) return onClose(null);
    const isNameless = [form.givenName, form.familyName, form.company].every((value) => !value.trim());
    if (isNameless && customer.identities.length === 0) {
      return submission.setError(clientFieldError({ givenName: 'name_required' }));
    }
    void submission.run(async () => {
      onClose(await api.patch<Customer>(`/customers/${customer.id}`, patch));
    });
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="edit-profile-heading">
      <h2 id="edit-profile-heading" ref={heading} tabIndex={-1}>
        {t('customers.profile.editTitle')}
      </h2>
      <CustomerErrorMessage error={submission.error} currentCustomerId={customer.id} />
      <CustomerProfileFields
        form={form}
        onChange={setForm}
        problems={problems}
        canLeaveConsentUnasked={customer.consent.marketingEmail === null}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submission.isPending}>
          {submission.isPending ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onClose(null)} disabled={submission.isPending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
