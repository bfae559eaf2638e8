import { useTranslation } from 'react-i18next';
import { ProblemField } from './ProblemField';

interface IdentityRowsEditorProps {
  kind: 'email' | 'phone';
  rows: string[];
  onChange: (rows: string[]) => void;
  /** Problem codes by row. */
  problems: (string | undefined)[];
}

/** Several emails or phone numbers on the create form: one input each, add and remove. */
export function IdentityRowsEditor({ kind, rows, onChange, problems }: IdentityRowsEditorProps) {
  const { t } = useTranslation();
  const isEmail = kind === 'email';
  const label = (number: number) =>
    rows.length === 1
      ? t(isEmail ? 'customers.form.email' : 'customers.form.phone')
      : t(isEmail ? 'customers.form.emailNumbered' : 'customers.form.phoneNumbered', { number });
  return (
    <div className="identity-rows">
      {rows.map((value, index) => (
        <div key={index} className="identity-rows__row">
          <ProblemField
            label={label(index + 1)}
            hint={!isEmail && index === rows.length - 1 ? t('customers.form.phoneHint') : undefined}
            problem={problems[index]}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type={isEmail ? 'email' : 'tel'}
                autoComplete="off"
                value={value}
                onChange={(event) => onChange(rows.map((row, at) => (at === index ? event.target.value : row)))}
              />
            )}
          </ProblemField>
          {rows.length > 1 && (
            <button
              type="button"
              className="button button--quiet button--small identity-rows__remove"
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              {t('customers.form.remove')}
              <span className="visually-hidden"> {label(index + 1)}</span>
            </button>
          )}
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => onChange([...rows, ''])}>
        {t(isEmail ? 'customers.form.addEmail' : 'customers.form.addPhone')}
      </button>
    </div>
  );
}
