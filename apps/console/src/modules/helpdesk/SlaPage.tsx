import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationPriority, type ConversationPriority } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { PageLoadStatus, type PageLoad } from '../../components/PageLoadStatus';
import { StatusMessage } from '../../components/StatusMessage';
import { TableRegion } from '../../components/TableRegion';
import { useSubmission } from '../../components/useSubmission';
import { fetchSlaPolicies, saveSlaPolicies } from './helpdesk-api';
import {
  fromPolicyInputs,
  slaTargetFields,
  toPolicyInputs,
  type PolicyInputs,
  type SlaTargetField,
  type TargetInput,
} from './sla-targets';
import './helpdesk.css';

const targetLabels: Record<SlaTargetField, 'firstResponse' | 'nextResponse' | 'resolution'> = {
  firstResponseMinutes: 'firstResponse',
  nextResponseMinutes: 'nextResponse',
  resolutionMinutes: 'resolution',
};

/** SLA targets: a row per priority, first response, next response and resolution in hours and minutes; PUT on save. */
export function SlaPage() {
  const { t } = useTranslation();
  const [load, setLoad] = useState<PageLoad | { status: 'ready' }>({ status: 'loading' });
  const [inputs, setInputs] = useState<PolicyInputs | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const submission = useSubmission();

  useEffect(() => {
    let isCurrent = true;
    fetchSlaPolicies().then(
      (policies) => {
        if (!isCurrent) return;
        setInputs(toPolicyInputs(policies));
        setLoad({ status: 'ready' });
      },
      (error: unknown) => isCurrent && setLoad({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt]);

  if (load.status !== 'ready' || !inputs)
    return (
      <PageLoadStatus
        state={load.status === 'ready' ? { status: 'loading' } : load}
        notFoundTitle={t('app.notFoundTitle')}
        notFoundBody={t('app.notFoundBody')}
        loadFailedTitle={t('helpdesk.sla.loadFailed')}
        onRetry={() => {
          setLoad({ status: 'loading' });
          setAttempt((count) => count + 1);
        }}
      />
    );

  function change(priority: ConversationPriority, field: SlaTargetField, part: keyof TargetInput, text: string) {
    setInputs((current) =>
      current
        ? { ...current, [priority]: { ...current[priority], [field]: { ...current[priority][field], [part]: text } } }
        : current,
    );
    submission.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!inputs) return;
    const result = fromPolicyInputs(inputs);
    setInvalid(result.invalid);
    if (result.invalid.length > 0) return;
    void submission.run(async () => {
      setInputs(toPolicyInputs(await saveSlaPolicies(result.policies)));
    });
  }

  return (
    <>
      <PageHeading title={t('helpdesk.sla.title')}>
        <p>{t('helpdesk.sla.intro')}</p>
      </PageHeading>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorMessage error={submission.error} />
        {invalid.length > 0 && (
          <p className="alert alert--error" role="alert">
            {t('helpdesk.sla.invalid')}
          </p>
        )}
        <TableRegion label={t('helpdesk.sla.title')}>
          <table className="table sla-table">
            <caption className="visually-hidden">{t('helpdesk.sla.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('helpdesk.sla.priority')}</th>
                {slaTargetFields.map((field) => (
                  <th key={field} scope="col">
                    {t(`helpdesk.sla.${targetLabels[field]}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {conversationPriority.options.map((priority) => {
                const priorityName = t(`conversations.priority.${priority}`);
                return (
                  <tr key={priority}>
                    <th scope="row">{priorityName}</th>
                    {slaTargetFields.map((field) => {
                      const target = t(`helpdesk.sla.${targetLabels[field]}`);
                      const isInvalid = invalid.includes(`${priority}.${field}`);
                      const value = inputs[priority][field];
                      return (
                        <td key={field}>
                          <div className="sla-target">
                            <input
                              className="input"
                              inputMode="numeric"
                              aria-label={t('helpdesk.sla.hoursOf', { target, priority: priorityName })}
                              aria-invalid={isInvalid || undefined}
                              value={value.hours}
                              onChange={(event) => change(priority, field, 'hours', event.target.value)}
                            />
                            <span aria-hidden="true">{t('helpdesk.sla.h')}</span>
                            <input
                              className="input"
                              inputMode="numeric"
                              aria-label={t('helpdesk.sla.minutesOf', { target, priority: priorityName })}
                              aria-invalid={isInvalid || undefined}
                              value={value.minutes}
                              onChange={(event) => change(priority, field, 'minutes', event.target.value)}
                            />
                            <span aria-hidden="true">{t('helpdesk.sla.min')}</span>
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
        <p className="field__hint">{t('helpdesk.sla.hint')}</p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
        {submission.hasSucceeded && <StatusMessage>{t('helpdesk.sla.saved')}</StatusMessage>}
      </form>
    </>
  );
}
