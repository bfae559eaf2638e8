import { useTranslation } from 'react-i18next';
import type { CustomerImport, UpdateCustomerImportInput } from '@rapport/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { TableRegion } from '../../../components/TableRegion';
import { asDelimiter, asEncoding, delimiterOptions, encodingOptions } from './import-format';

/** Sample rows shown: enough to judge the letters, few enough to keep the page short. */
const previewRows = 5;

interface ImportFormatSectionProps {
  customerImport: CustomerImport;
  /** The file is being read again. */
  isBusy: boolean;
  error: unknown;
  onChange: (change: UpdateCustomerImportInput) => void;
}

/**
 * How the file was read: the detected encoding and delimiter, either of
 * which may be changed (the server reads the file again), and the first rows
 * as they come out, so the person sees whether "Kovács" or "Şükrü" look right.
 */
export function ImportFormatSection({ customerImport, isBusy, error, onChange }: ImportFormatSectionProps) {
  const { t } = useTranslation();
  const { headers, sampleRows } = customerImport;
  return (
    <section className="panel import-section" aria-labelledby="import-format-heading">
      <h2 id="import-format-heading">{t('customers.import.format.title')}</h2>
      <p className="section-intro">{t('customers.import.format.intro')}</p>
      <ErrorMessage error={error} />
      <div className="form__row import-format__row">
        <Field label={t('customers.import.format.encoding')} hint={t('customers.import.format.encodingHint')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={customerImport.encoding}
              disabled={isBusy}
              onChange={(event) => {
                const encoding = asEncoding(event.target.value);
                if (encoding) onChange({ encoding });
              }}
            >
              {encodingOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(option.labelKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('customers.import.format.delimiter')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={customerImport.delimiter}
              disabled={isBusy}
              onChange={(event) => {
                const delimiter = asDelimiter(event.target.value);
                if (delimiter) onChange({ delimiter });
              }}
            >
              {delimiterOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(option.labelKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <h3 className="import-format__preview-title" id="import-preview-heading">
        {t('customers.import.preview.title')}
      </h3>
      <p className="muted small">{t('customers.import.preview.intro')}</p>
      {sampleRows.length === 0 ? (
        <p className="muted">{t('customers.import.preview.none')}</p>
      ) : (
        <TableRegion label={t('customers.import.preview.title')}>
          <table className="table import-preview" aria-busy={isBusy || undefined} aria-describedby="import-preview-heading">
            <thead>
              <tr>
                {headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sampleRows.slice(0, previewRows).map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {headers.map((header, columnIndex) => (
                    <td key={header} title={row[columnIndex]}>
                      {row[columnIndex] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
