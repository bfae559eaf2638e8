import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { PageHeading } from '../../components/PageHeading';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { clientFieldError, fieldProblems } from './customer-errors';
import {
  emptyCustomerForm,
  hasSomethingToCallThem,
  toCreateInput,
  type IdentityOrigin,
  type IdentityRows,
} from './customer-form';
import { BackLink } from './BackLink';
import { CustomerErrorMessage } from './CustomerErrorMessage';
import { CustomerProfileFields } from './CustomerProfileFields';
import { IdentityRowsEditor } from './IdentityRowsEditor';

/** Problem codes per email and phone row, from issues at `identities.<index>.value`. */
function rowProblems(problems: Map<string, string>, origins: IdentityOrigin[], rows: IdentityRows) {
  const result = {
    email: rows.emails.map((): string | undefined => undefined),
    phone: rows.phones.map((): string | undefined => undefined),
  };
  origins.forEach((origin, index) => {
    const code = problems.get(`identities.${index}.value`) ?? problems.get(`identities.${index}`);
    if (code) result[origin.kind][origin.row] = code;
  });
  return result;
}

/** A new customer: name and how to address them, language, place, emails and phones, consent. */
export function NewCustomerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState(emptyCustomerForm);
  const [rows, setRows] = useState<IdentityRows>({ emails: [''], phones: [''] });
  // Where the identities of the last attempt came from, to place its field errors.
  const [origins, setOrigins] = useState<IdentityOrigin[]>([]);
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);
  const identityProblems = rowProblems(problems, origins, rows);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!hasSomethingToCallThem(form, rows)) return submission.setError(clientFieldError({ givenName: 'name_required' }));
    const { input, origins: sent } = toCreateInput(form, rows);
    setOrigins(sent);
    void submission.run(async () => {
      const customer = await api.post<Customer>('/customers', input);
      void navigate(`/customers/${customer.id}`, { state: { created: true } });
    });
  }

  return (
    <>
      <BackLink />
      <PageHeading title={t('customers.form.newTitle')}>
        <p>{t('customers.form.newIntro')}</p>
      </PageHeading>
      <form className="form panel" onSubmit={submit} noValidate aria-label={t('customers.form.newTitle')}>
        <CustomerErrorMessage error={submission.error} />
        <CustomerProfileFields form={form} onChange={setForm} problems={problems} canLeaveConsentUnasked>
          <fieldset className="fieldset">
            <legend>{t('customers.form.contactSection')}</legend>
            <div className="form__row form__row--top">
              <IdentityRowsEditor
                kind="email"
                rows={rows.emails}
                problems={identityProblems.email}
                onChange={(emails) => setRows({ ...rows, emails })}
              />
              <IdentityRowsEditor
                kind="phone"
                rows={rows.phones}
                problems={identityProblems.phone}
                onChange={(phones) => setRows({ ...rows, phones })}
              />
            </div>
          </fieldset>
        </CustomerProfileFields>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('customers.form.creating') : t('customers.form.create')}
          </button>
          <Link to="/customers" className="button button--quiet">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
