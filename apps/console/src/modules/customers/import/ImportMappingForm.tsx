import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type {
  AttributeDefinition,
  CustomerImport,
  ImportExisting,
  ImportMatchBy,
  StartCustomerImportInput,
  UpdateCustomerImportInput,
} from '@rapport/contracts';
import { useMe } from '../../../app/session';
import { CountrySelect } from '../../../components/selects';
import { useSubmission } from '../../../components/useSubmission';
import { api } from '../../../platform/api-client';
import { regionName } from '../../../platform/format';
import { currentLocale } from '../../../platform/i18n';
import { clientFieldError } from '../customer-errors';
import { RadioGroup } from '../RadioGroup';
import { mappingProblems, reconcileMapping, withColumnField } from './import-mapping';
import { importIssues, importProblemKey } from './import-problems';
import { ImportColumnsSection } from './ImportColumnsSection';
import { ImportField } from './ImportField';
import { ImportFormatSection } from './ImportFormatSection';
import { ImportProblems } from './ImportProblems';

interface ImportMappingFormProps {
  customerImport: CustomerImport;
  /** The import as the server now has it (read again, or started). */
  onChange: (customerImport: CustomerImport) => void;
}

/** The workspace's custom fields, which columns may fill too; none when they cannot be loaded. */
function useAttributeDefinitions(): AttributeDefinition[] {
  const [definitions, setDefinitions] = useState<AttributeDefinition[]>([]);
  useEffect(() => {
    let isCurrent = true;
    api
      .get<{ items: AttributeDefinition[] }>('/customer-attributes')
      .then((page) => {
        if (isCurrent) setDefinitions(page.items);
      })
      .catch(() => {
        // The base fields still work; a suggested custom field stays selectable by its key.
      });
    return () => {
      isCurrent = false;
    };
  }, []);
  return definitions;
}

/**
 * Step 2: the encoding and delimiter (with a preview), a field per column
 * (the server's suggestion preselected), how rows find existing customers,
 * and the country for national phone numbers. Problems found in the browser
 * look exactly like the server's and sit beside the control they concern.
 */
export function ImportMappingForm({ customerImport, onChange }: ImportMappingFormProps) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const attributes = useAttributeDefinitions();
  const [mapping, setMapping] = useState(() =>
    reconcileMapping(customerImport.headers, customerImport.suggestedMapping, customerImport.mapping ?? {}),
  );
  const [matchBy, setMatchBy] = useState<ImportMatchBy>(customerImport.matchBy ?? 'email_or_phone');
  const [existing, setExisting] = useState<ImportExisting>(customerImport.existing ?? 'update');
  const [defaultCountry, setDefaultCountry] = useState(customerImport.defaultCountry ?? '');
  const reread = useSubmission();
  const submission = useSubmission();
  const problems = importIssues(submission.error);
  const path = `/customer-imports/${encodeURIComponent(customerImport.id)}`;

  function changeFormat(change: UpdateCustomerImportInput) {
    void reread.run(async () => {
      const next = await api.patch<CustomerImport>(path, change);
      // New headers (another delimiter, other letters) get the server's suggestion; known ones keep the choice.
      setMapping((current) => reconcileMapping(next.headers, next.suggestedMapping, current));
      onChange(next);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = mappingProblems(mapping, matchBy);
    if (found.size > 0) return submission.setError(clientFieldError(Object.fromEntries(found)));
    const input: StartCustomerImportInput = {
      mapping,
      matchBy,
      existing,
      encoding: customerImport.encoding,
      delimiter: customerImport.delimiter,
      ...(defaultCountry ? { defaultCountry } : {}),
    };
    void submission.run(async () => {
      onChange(await api.post<CustomerImport>(`${path}/start`, input));
    });
  }

  const workspaceCountry = me.workspace.country ? regionName(me.workspace.country, locale) : null;
  const matchProblem = problems.get('matchBy');
  return (
    <form onSubmit={submit} noValidate aria-label={t('customers.import.steps.map')}>
      <ImportFormatSection
        customerImport={customerImport}
        isBusy={reread.isPending}
        error={reread.error}
        onChange={changeFormat}
      />
      <ImportColumnsSection
        headers={customerImport.headers}
        sampleRows={customerImport.sampleRows}
        mapping={mapping}
        attributes={attributes}
        problems={problems}
        onChange={(header, value) => setMapping((current) => withColumnField(current, header, value))}
      />
      <section className="panel" aria-labelledby="import-matching-heading">
        <h2 id="import-matching-heading">{t('customers.import.matching.title')}</h2>
        <RadioGroup<ImportMatchBy>
          legend={t('customers.import.matching.matchBy')}
          hint={t('customers.import.matching.matchByHint')}
          name="match-by"
          value={matchBy}
          options={[
            { value: 'email_or_phone', label: t('customers.import.matching.emailOrPhone') },
            { value: 'email', label: t('customers.import.matching.email') },
            { value: 'phone', label: t('customers.import.matching.phone') },
          ]}
          onChange={setMatchBy}
        />
        {matchProblem && (
          <p className="field__error import-matching__error">{t(importProblemKey(matchProblem) ?? 'errors.validation_failed')}</p>
        )}
        <RadioGroup<ImportExisting>
          legend={t('customers.import.matching.existing')}
          hint={t('customers.import.matching.existingHint')}
          name="existing"
          value={existing}
          options={[
            { value: 'update', label: t('customers.import.matching.existingUpdate') },
            { value: 'fill_empty', label: t('customers.import.matching.existingFillEmpty') },
            { value: 'skip', label: t('customers.import.matching.existingSkip') },
          ]}
          onChange={setExisting}
        />
        <ImportField
          label={t('customers.import.matching.defaultCountry')}
          hint={t('customers.import.matching.defaultCountryHint')}
          problem={problems.get('defaultCountry')}
        >
          {(control) => (
            <CountrySelect
              {...control}
              locale={locale}
              value={defaultCountry}
              emptyLabel={
                workspaceCountry
                  ? t('customers.import.matching.workspaceCountry', { country: workspaceCountry })
                  : t('customers.import.matching.noDefaultCountry')
              }
              onChange={setDefaultCountry}
            />
          )}
        </ImportField>
      </section>
      <ImportProblems error={submission.error} problems={problems} headers={customerImport.headers} />
      <div className="form__actions import-actions">
        <button type="submit" className="button button--primary" disabled={submission.isPending || reread.isPending}>
          {submission.isPending ? t('customers.import.mapping.starting') : t('customers.import.mapping.start')}
        </button>
        <Link to="/customers/import" className="button button--quiet">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
