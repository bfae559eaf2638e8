import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { zoneCityName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { defaultSnoozeUntil, fromDateTimeInputValue, toDateTimeInputValue } from './snooze';

interface SnoozeControlProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  isPending: boolean;
  /** Snoozes until the moment (status snoozed with snoozedUntil). */
  onSnooze: (until: Date) => void;
}

/** The browser's own time zone, which a date-time input uses. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * "Snooze…": a date-time picker (tomorrow at nine suggested) that puts the
 * conversation aside until then; it comes back on its own, or earlier when
 * the customer writes.
 */
export function SnoozeControl({ isOpen, onOpenChange, isPending, onSnooze }: SnoozeControlProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(() => toDateTimeInputValue(defaultSnoozeUntil(new Date())));
  const [problem, setProblem] = useState<string | undefined>(undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    const until = fromDateTimeInputValue(value);
    if (!until) return setProblem(t('conversations.snooze.invalid'));
    if (until.getTime() <= Date.now()) return setProblem(t('conversations.snooze.past'));
    setProblem(undefined);
    onSnooze(until);
  }

  if (!isOpen)
    return (
      <button type="button" className="button" aria-expanded="false" onClick={() => onOpenChange(true)}>
        {t('conversations.snooze.open')}
      </button>
    );
  return (
    <form className="snooze-form" onSubmit={submit} noValidate aria-label={t('conversations.snooze.formLabel')}>
      <Field
        label={t('conversations.snooze.until')}
        hint={t('conversations.snooze.hint', { timeZone: zoneCityName(browserTimeZone(), currentLocale()) })}
        isInvalid={problem !== undefined}
        errorMessage={problem}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            className="input input--date"
            value={value}
            min={toDateTimeInputValue(new Date())}
            autoFocus
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onOpenChange(false);
            }}
          />
        )}
      </Field>
      <div className="snooze-form__actions">
        <button type="submit" className="button button--primary" disabled={isPending}>
          {t('conversations.snooze.submit')}
        </button>
        <button type="button" className="button" onClick={() => onOpenChange(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
