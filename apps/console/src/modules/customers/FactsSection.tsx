import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fact, FactInput } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useNow } from '../../components/useNow';
import { useSubmission } from '../../components/useSubmission';
import { api } from '../../platform/api-client';
import { currentLocale } from '../../platform/i18n';
import { clientFieldError, fieldProblems } from './customer-errors';
import { describeFactDate, formatDaysFromToday, soonDays } from './fact-dates';
import { ProblemField } from './ProblemField';

interface FactsSectionProps {
  customerId: string;
  onChange: () => void;
}

type LoadState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; facts: Fact[] };

/** One detail with its date: "every year on 4 March · in 100 days". */
function FactDate({ fact, now }: { fact: Fact; now: Date }) {
  const { t } = useTranslation();
  const view = describeFactDate(fact, currentLocale(), now);
  if (view.kind === 'none') return null;
  const isSoon = view.daysUntil !== undefined && view.daysUntil <= soonDays;
  return (
    <p className="fact__date">
      <time dateTime={fact.date ?? undefined}>
        {view.kind === 'yearly' ? t('customers.facts.yearly', { date: view.date }) : view.date}
      </time>
      {isSoon && view.daysUntil !== undefined && (
        <span className="badge badge--soon">{formatDaysFromToday(view.daysUntil, currentLocale())}</span>
      )}
    </p>
  );
}

/** "Worth remembering": personal details for a warmer next conversation, the next dated ones first. */
export function FactsSection({ customerId, onChange }: FactsSectionProps) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [isYearly, setYearly] = useState(false);
  const [forgotten, setForgotten] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const submission = useSubmission();
  const problems = fieldProblems(submission.error);

  const load = useCallback(async () => {
    try {
      const page = await api.get<{ items: Fact[] }>(`/customers/${customerId}/facts`);
      setState({ status: 'ready', facts: page.items });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setForgotten(null);
    if (!text.trim()) return submission.setError(clientFieldError({ text: 'required' }));
    const input: FactInput = { text: text.trim(), date: date || null, recursYearly: Boolean(date) && isYearly };
    void submission.run(async () => {
      await api.post<Fact>(`/customers/${customerId}/facts`, input);
      setText('');
      setDate('');
      setYearly(false);
      await load();
      onChange();
    });
  }

  async function remove(fact: Fact) {
    setForgotten(null);
    setDeleteError(null);
    try {
      await api.delete(`/customers/${customerId}/facts/${fact.id}`);
      setState((current) =>
        current.status === 'ready' ? { ...current, facts: current.facts.filter((item) => item.id !== fact.id) } : current,
      );
      setForgotten(fact.text);
      onChange();
    } catch (error) {
      setDeleteError(error);
    }
  }

  return (
    <section className="panel facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('customers.facts.title')}</h2>
      <p className="section-intro">{t('customers.facts.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      <ErrorMessage error={deleteError} />
      {forgotten !== null && <StatusMessage>{t('customers.facts.deleted', { text: forgotten })}</StatusMessage>}
      {state.status === 'ready' && state.facts.length === 0 && <p className="muted">{t('customers.facts.none')}</p>}
      {state.status === 'ready' && state.facts.length > 0 && (
        <ul className="fact-list">
          {state.facts.map((fact) => (
            <li key={fact.id} className="fact">
              <div className="fact__body">
                <p className="fact__text">{fact.text}</p>
                <FactDate fact={fact} now={now} />
              </div>
              <button type="button" className="button button--quiet button--small" onClick={() => void remove(fact)}>
                {t('customers.facts.delete')}
                <span className="visually-hidden"> {fact.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="fact-form" onSubmit={submit} noValidate>
        <ErrorMessage error={problems.size > 0 ? null : submission.error} />
        <div className="fact-form__row">
          <div className="fact-form__text">
            <ProblemField label={t('customers.facts.text')} hint={t('customers.facts.textHint')} problem={problems.get('text')}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  autoComplete="off"
                  maxLength={500}
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                />
              )}
            </ProblemField>
          </div>
          <ProblemField label={t('customers.facts.date')} isOptional problem={problems.get('date')}>
            {(control) => (
              <input
                {...control}
                className="input input--date"
                type="date"
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
            )}
          </ProblemField>
          <label className="checkbox fact-form__yearly">
            <input
              type="checkbox"
              checked={isYearly && Boolean(date)}
              disabled={!date}
              onChange={(event) => setYearly(event.target.checked)}
            />
            <span>{t('customers.facts.recursYearly')}</span>
          </label>
          <button type="submit" className="button button--primary fact-form__submit" disabled={submission.isPending}>
            {submission.isPending ? t('common.saving') : t('customers.facts.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
