import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call, CallOutcome } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useSubmission } from '../../components/useSubmission';
import { updateCall } from './calls-api';
import { callOutcomes } from './call-format';

/** Ends a running call now with how it went (the server computes the duration), or changes a finished call's outcome. */
export function EndCallForm({ call, onChange }: { call: Call; onChange: (call: Call) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CallOutcome>(call.outcome ?? 'answered');
  const submission = useSubmission();
  const isEnded = call.endedAt !== null;

  function submit(event: FormEvent) {
    event.preventDefault();
    void submission.run(async () => {
      onChange(await updateCall(call.id, isEnded ? { outcome } : { endedAt: new Date().toISOString(), outcome }));
    });
  }

  return (
    <form className="panel end-call" onSubmit={submit} aria-label={isEnded ? t('calls.end.change') : t('calls.end.title')}>
      <ErrorMessage error={submission.error} />
      <Field label={t('calls.end.outcome')}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={outcome}
            onChange={(event) => setOutcome(callOutcomes.find((o) => o === event.target.value) ?? 'answered')}
          >
            {callOutcomes.map((item) => (
              <option key={item} value={item}>
                {t(`calls.outcomes.${item}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="submit"
        className={isEnded ? 'button button--small' : 'button button--danger'}
        disabled={submission.isPending}
      >
        {isEnded ? t('calls.end.change') : t('calls.end.button')}
      </button>
    </form>
  );
}
