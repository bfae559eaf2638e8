import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { savedReplyPlaceholders } from '@rapport/contracts';
import { Field } from '../../components/Field';
import { commonLanguageCodes } from '../../platform/countries';
import { languageName, sortByLabel } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { placeholderToken, type VariantInput } from './variants';

/** The placeholders of saved replies, and `answer.expectedBy` where an acknowledgement may say when to expect an answer. */
export function PlaceholderHelp({ withExpectedBy = false }: { withExpectedBy?: boolean }) {
  const { t } = useTranslation();
  const names: string[] = [...savedReplyPlaceholders, ...(withExpectedBy ? ['answer.expectedBy'] : [])];
  return (
    <div className="placeholder-help">
      <p className="field__hint">{t('helpdesk.placeholders.intro')}</p>
      <ul className="placeholder-help__list">
        {names.map((name) => (
          <li key={name}>
            <code>{placeholderToken(name)}</code> {t(`helpdesk.placeholders.names.${name}`)}
          </li>
        ))}
      </ul>
      <p className="field__hint">{t('helpdesk.placeholders.emptyNote')}</p>
    </div>
  );
}

interface VariantsEditorProps {
  legend: string;
  value: VariantInput[];
  onChange: (value: VariantInput[]) => void;
  /** Rows whose text is missing, to mark. */
  invalidRows?: number[];
  withExpectedBy?: boolean;
  /** Whether the texts take placeholders (saved replies, acknowledgements); a chat greeting does not. */
  hasPlaceholders?: boolean;
}

/** A text per language: add a language from the common ones, write its text, remove it again. */
export function VariantsEditor({
  legend,
  value,
  onChange,
  invalidRows = [],
  withExpectedBy = false,
  hasPlaceholders = true,
}: VariantsEditorProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const used = new Set(value.map((row) => row.language));
  const choices = useMemo(
    () =>
      sortByLabel(
        commonLanguageCodes.map((code) => ({ code, label: languageName(code, locale) })),
        locale,
      ),
    [locale],
  );
  const available = choices.filter((choice) => !used.has(choice.code));
  const [adding, setAdding] = useState('');
  const toAdd = available.some((choice) => choice.code === adding) ? adding : (available[0]?.code ?? '');

  return (
    <fieldset className="fieldset variants">
      <legend>{legend}</legend>
      {hasPlaceholders && <PlaceholderHelp withExpectedBy={withExpectedBy} />}
      {value.length === 0 && <p className="muted">{t('helpdesk.languages.none')}</p>}
      {value.map((row, index) => {
        const name = languageName(row.language, locale);
        return (
          <div key={row.language} className="variants__row">
            <Field
              label={t('helpdesk.languages.textOf', { language: name })}
              isInvalid={invalidRows.includes(index)}
              errorMessage={t('helpdesk.languages.textRequired')}
            >
              {(control) => (
                <textarea
                  {...control}
                  lang={row.language}
                  className="input textarea"
                  rows={4}
                  value={row.text}
                  onChange={(event) =>
                    onChange(value.map((item, position) => (position === index ? { ...item, text: event.target.value } : item)))
                  }
                />
              )}
            </Field>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              aria-label={t('helpdesk.languages.removeLabel', { language: name })}
              onClick={() => onChange(value.filter((_, position) => position !== index))}
            >
              {t('helpdesk.languages.remove')}
            </button>
          </div>
        );
      })}
      {available.length > 0 && value.length < 20 && (
        <div className="variants__add">
          <label className="field__label" htmlFor={`${id}-add`}>
            {t('helpdesk.languages.addLabel')}
          </label>
          <select id={`${id}-add`} className="select" value={toAdd} onChange={(event) => setAdding(event.target.value)}>
            {available.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              if (toAdd) onChange([...value, { language: toAdd, text: '' }]);
            }}
          >
            {t('helpdesk.languages.add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
