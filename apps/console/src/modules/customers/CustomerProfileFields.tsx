import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCustomerName, type Formality, type NameOrder } from '@rapport/contracts';
import { CountrySelect, TimeZoneSelect } from '../../components/selects';
import { currentLocale } from '../../platform/i18n';
import type { ConsentChoice, CustomerFormState } from './customer-form';
import { problemUnder } from './customer-errors';
import { CustomerLanguageSelect } from './customer-selects';
import { ProblemField } from './ProblemField';
import { RadioGroup } from './RadioGroup';

interface CustomerProfileFieldsProps {
  form: CustomerFormState;
  onChange: (form: CustomerFormState) => void;
  /** Problems by field path, from the server or the browser. */
  problems: Map<string, string>;
  /** Once consent has been recorded it can be changed, not un-asked. */
  canLeaveConsentUnasked: boolean;
  /** More fields, placed before the consent question (the create form's emails and phones). */
  children?: ReactNode;
}

/** The profile fields shared by "New customer" and "Edit profile": name, form of address, language, place, consent. */
export function CustomerProfileFields({
  form,
  onChange,
  problems,
  canLeaveConsentUnasked,
  children,
}: CustomerProfileFieldsProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const set = <K extends keyof CustomerFormState>(key: K, value: CustomerFormState[K]) => onChange({ ...form, [key]: value });
  const preview = formatCustomerName({
    givenName: form.givenName.trim(),
    familyName: form.familyName.trim(),
    middleName: form.middleName.trim(),
    nameOrder: form.nameOrder || null,
    language: form.language || null,
    country: form.country || null,
  });
  const consentOptions: { value: ConsentChoice; label: string }[] = [
    ...(canLeaveConsentUnasked ? [{ value: 'unknown' as const, label: t('customers.form.consentUnknown') }] : []),
    { value: 'yes', label: t('customers.form.consentYes') },
    { value: 'no', label: t('customers.form.consentNo') },
  ];

  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('customers.form.nameSection')}</legend>
        <div className="form__row">
          <ProblemField label={t('customers.form.givenName')} problem={problems.get('givenName')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.givenName}
                onChange={(event) => set('givenName', event.target.value)}
              />
            )}
          </ProblemField>
          <ProblemField label={t('customers.form.familyName')} problem={problems.get('familyName')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.familyName}
                onChange={(event) => set('familyName', event.target.value)}
              />
            )}
          </ProblemField>
          <ProblemField label={t('customers.form.middleName')} problem={problems.get('middleName')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.middleName}
                onChange={(event) => set('middleName', event.target.value)}
              />
            )}
          </ProblemField>
        </div>
        <RadioGroup<NameOrder | ''>
          legend={t('customers.form.nameOrder')}
          hint={t('customers.form.nameOrderHint')}
          name="name-order"
          value={form.nameOrder}
          onChange={(value) => set('nameOrder', value)}
          options={[
            { value: '', label: t('customers.form.nameOrderAutomatic') },
            { value: 'given_first', label: t('customers.form.nameOrderGivenFirst') },
            { value: 'family_first', label: t('customers.form.nameOrderFamilyFirst') },
          ]}
        />
        {preview && (
          <p className="name-preview" aria-live="polite">
            {t('customers.form.preview')} <strong>{preview}</strong>
          </p>
        )}
        <div className="form__row">
          <ProblemField label={t('customers.form.title')} hint={t('customers.form.titleHint')} problem={problems.get('title')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.title}
                onChange={(event) => set('title', event.target.value)}
              />
            )}
          </ProblemField>
        </div>
        <RadioGroup<Formality>
          legend={t('customers.form.formality')}
          hint={t('customers.form.formalityHint')}
          name="formality"
          value={form.formality}
          onChange={(value) => set('formality', value)}
          options={[
            { value: 'formal', label: t('customers.formality.formal') },
            { value: 'informal', label: t('customers.formality.informal') },
            { value: 'unknown', label: t('customers.formality.unknown') },
          ]}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('customers.form.placeSection')}</legend>
        <div className="form__row">
          <ProblemField
            label={t('customers.form.language')}
            hint={t('customers.form.languageHint')}
            problem={problems.get('language')}
          >
            {(control) => (
              <CustomerLanguageSelect
                {...control}
                locale={locale}
                value={form.language}
                emptyLabel={t('common.notSet')}
                onChange={(language) => set('language', language)}
              />
            )}
          </ProblemField>
          <ProblemField label={t('customers.form.country')} problem={problems.get('country')}>
            {(control) => (
              <CountrySelect
                {...control}
                locale={locale}
                value={form.country}
                emptyLabel={t('common.notSet')}
                onChange={(country) => set('country', country)}
              />
            )}
          </ProblemField>
          <ProblemField
            label={t('customers.form.timeZone')}
            hint={t('customers.form.timeZoneHint')}
            problem={problems.get('timeZone')}
          >
            {(control) => (
              <TimeZoneSelect
                {...control}
                value={form.timeZone}
                emptyLabel={t('customers.form.timeZoneAutomatic')}
                onChange={(timeZone) => set('timeZone', timeZone)}
              />
            )}
          </ProblemField>
        </div>
        <div className="form__row">
          <ProblemField label={t('customers.form.company')} problem={problems.get('company')}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.company}
                onChange={(event) => set('company', event.target.value)}
              />
            )}
          </ProblemField>
          <ProblemField
            label={t('customers.form.tags')}
            hint={t('customers.form.tagsHint')}
            problem={problemUnder(problems, 'tags')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.tags}
                onChange={(event) => set('tags', event.target.value)}
              />
            )}
          </ProblemField>
        </div>
      </fieldset>

      {children}

      <fieldset className="fieldset">
        <legend>{t('customers.form.consentSection')}</legend>
        <RadioGroup<ConsentChoice>
          legend={t('customers.form.consentQuestion')}
          name="consent"
          value={form.consent}
          onChange={(value) => set('consent', value)}
          options={consentOptions}
        />
        {form.consent !== 'unknown' && (
          <ProblemField
            label={t('customers.form.consentSource')}
            hint={t('customers.form.consentSourceHint')}
            problem={problemUnder(problems, 'marketingConsent')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={form.consentSource}
                onChange={(event) => set('consentSource', event.target.value)}
              />
            )}
          </ProblemField>
        )}
      </fieldset>
    </>
  );
}
