import { useTranslation } from 'react-i18next';
import type { AttributeDefinition, ImportMapping } from '@rapport/contracts';
import type { FieldControlProps } from '../../../components/Field';
import { TableRegion } from '../../../components/TableRegion';
import { attributeField, exampleValue, fieldGroups, isKnownField } from './import-mapping';
import { ImportField } from './ImportField';

interface FieldSelectProps extends FieldControlProps {
  value: string;
  attributes: AttributeDefinition[];
  onChange: (value: string) => void;
}

/** "Don't import", then the customer fields by group, then the workspace's custom fields. */
function FieldSelect({ value, attributes, onChange, ...control }: FieldSelectProps) {
  const { t } = useTranslation();
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('customers.import.fields.none')}</option>
      {fieldGroups.map((group) => (
        <optgroup key={group.key} label={t(`customers.import.fieldGroups.${group.key}`)}>
          {group.fields.map((field) => (
            <option key={field} value={field}>
              {t(`customers.import.fields.${field}`)}
            </option>
          ))}
        </optgroup>
      ))}
      {attributes.length > 0 && (
        <optgroup label={t('customers.import.fieldGroups.attributes')}>
          {attributes.map((definition) => (
            <option key={definition.key} value={attributeField(definition)}>
              {definition.label}
            </option>
          ))}
        </optgroup>
      )}
      {/* A suggestion for a custom field this page could not load stays visible as it is. */}
      {value && !isKnownField(value, attributes) && <option value={value}>{value}</option>}
    </select>
  );
}

interface ImportColumnsSectionProps {
  headers: string[];
  sampleRows: string[][];
  mapping: ImportMapping;
  attributes: AttributeDefinition[];
  /** Problem codes by issue path (`mapping.<header>`). */
  problems: Map<string, string>;
  onChange: (header: string, value: string) => void;
}

/** One row per CSV column: its name, an example value, and the customer field it fills (suggested by the server). */
export function ImportColumnsSection({
  headers,
  sampleRows,
  mapping,
  attributes,
  problems,
  onChange,
}: ImportColumnsSectionProps) {
  const { t } = useTranslation();
  const mapped = headers.filter((header) => mapping[header] != null).length;
  return (
    <section className="panel import-section" aria-labelledby="import-columns-heading">
      <h2 id="import-columns-heading">{t('customers.import.columns.title')}</h2>
      <p className="section-intro">{t('customers.import.columns.intro')}</p>
      <p className="list-summary" role="status">
        {t('customers.import.columns.summary', { count: headers.length, mapped })}
      </p>
      <TableRegion label={t('customers.import.columns.title')}>
        <table className="table import-columns">
          <thead>
            <tr>
              <th scope="col">{t('customers.import.columns.column')}</th>
              <th scope="col">{t('customers.import.columns.example')}</th>
              <th scope="col">{t('customers.import.columns.field')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, index) => {
              const value = mapping[header] ?? '';
              const example = exampleValue(sampleRows, index);
              return (
                <tr key={header} className={value ? undefined : 'import-columns__row--skipped'}>
                  <th scope="row" className="table__primary import-columns__name">
                    {header}
                  </th>
                  <td className="import-columns__example">
                    {example ?? <span className="muted">{t('customers.import.columns.noExample')}</span>}
                  </td>
                  <td className="import-columns__field">
                    <ImportField
                      label={t('customers.import.columns.fieldFor', { column: header })}
                      isLabelHidden
                      problem={problems.get(`mapping.${header}`)}
                    >
                      {(control) => (
                        <FieldSelect
                          {...control}
                          value={value}
                          attributes={attributes}
                          onChange={(next) => onChange(header, next)}
                        />
                      )}
                    </ImportField>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
