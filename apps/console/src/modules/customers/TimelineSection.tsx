import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useNow } from '../../components/useNow';
import type { PagedListState } from '../../components/usePagedList';
import { formatList } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { formatDuration } from '../calls/call-format';
import { describeFactDate } from './fact-dates';
import { NoteBody } from './NoteBody';
import { PhoneLink } from './PhoneLink';
import { RelativeTime } from './RelativeTime';
import { splitFields, viewTimelineEntry, type TimelineView } from './timeline-entries';

interface TimelineSectionProps {
  timeline: { state: PagedListState<TimelineEntry>; loadMore: () => Promise<void> };
}

/**
 * The headline and the detail line of one entry, translated; a call's number apart, to be shown as a link.
 * A note's text is markdown, formatted as in the Notes section; other quotes are plain text.
 */
function useEntryText() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    view: TimelineView,
    now: Date,
  ): { headline: string; phone?: string; detail?: string; quote?: string; markdown?: string } => {
    switch (view.type) {
      case 'note':
        return {
          headline: t(view.isEdited ? 'customers.timeline.noteEdited' : 'customers.timeline.note'),
          markdown: view.text,
        };
      case 'fact': {
        const date = describeFactDate(view, locale, now);
        const when =
          date.kind === 'none'
            ? undefined
            : date.kind === 'yearly'
              ? t('customers.facts.yearly', { date: date.date })
              : date.date;
        return { headline: t('customers.timeline.fact'), quote: view.text, ...(when ? { detail: when } : {}) };
      }
      case 'created':
        return { headline: t('customers.timeline.created') };
      case 'merged':
        return { headline: t('customers.timeline.merged') };
      case 'imported':
        return {
          headline: t(view.outcome === 'created' ? 'customers.timeline.importCreated' : 'customers.timeline.importUpdated'),
          ...(view.fileName ? { detail: view.fileName } : {}),
        };
      case 'updated': {
        const { named, otherCount } = splitFields(view.fields);
        const names = named.map((field) => t(`customers.fields.${field}`));
        if (otherCount > 0) names.push(t('customers.timeline.otherFields', { count: otherCount }));
        return { headline: t('customers.timeline.updated'), ...(names.length ? { detail: formatList(names, locale) } : {}) };
      }
      case 'identity_added':
      case 'identity_removed': {
        const kind = view.identityKind
          ? t(`customers.identities.kinds.${view.identityKind}`)
          : t('customers.timeline.contactDetail');
        return {
          headline: t(
            view.type === 'identity_added' ? 'customers.timeline.identityAdded' : 'customers.timeline.identityRemoved',
            { kind },
          ),
        };
      }
      case 'message': {
        const number = view.conversationNumber !== null ? `#${view.conversationNumber}` : undefined;
        return {
          headline: t(`customers.timeline.messages.${view.direction}`),
          ...(number ? { detail: number } : {}),
          ...(view.text ? { quote: view.text } : {}),
        };
      }
      case 'call': {
        const parts = [
          view.durationSeconds !== null ? formatDuration(view.durationSeconds, locale) : undefined,
          view.outcome ? t(`calls.outcomes.${view.outcome}`) : undefined,
        ].filter((part): part is string => part !== undefined);
        return {
          headline: t(`calls.direction.${view.direction}`),
          ...(view.phoneNumber ? { phone: view.phoneNumber } : {}),
          ...(parts.length ? { detail: parts.join(' · ') } : {}),
          ...(view.text ? { quote: view.text } : {}),
        };
      }
      case 'other':
        return {
          headline: view.kind ? t(`customers.timeline.kinds.${view.kind}`) : t('customers.timeline.activity'),
          detail: view.rawType,
          ...(view.text ? { quote: view.text } : {}),
        };
    }
  };
}

/** Everything that happened with the customer, newest first, 20 at a time. */
export function TimelineSection({ timeline }: TimelineSectionProps) {
  const { t } = useTranslation();
  const now = useNow();
  const entryText = useEntryText();
  const { state, loadMore } = timeline;
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('customers.timeline.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      {state.status === 'ready' && state.items.length === 0 && <p className="muted">{t('customers.timeline.none')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <ol className="timeline">
          {state.items.map((entry) => {
            const view = viewTimelineEntry(entry);
            const text = entryText(view, now);
            return (
              <li key={`${entry.kind}:${entry.id}`} className={`timeline__entry timeline__entry--${view.type}`}>
                <p className="timeline__headline">
                  {text.headline}
                  {(text.phone || text.detail) && (
                    <span className="timeline__detail">
                      {text.phone && <PhoneLink phone={text.phone} />}
                      {text.phone && text.detail && ' · '}
                      {text.detail}
                    </span>
                  )}
                </p>
                {text.quote && <p className="timeline__quote">{text.quote}</p>}
                {text.markdown && (
                  <div className="timeline__quote timeline__quote--markdown">
                    <NoteBody markdown={text.markdown} />
                  </div>
                )}
                <p className="timeline__meta">
                  {entry.actorName ?? t('customers.timeline.system')}
                  <span aria-hidden="true"> · </span>
                  <RelativeTime iso={entry.occurredAt} now={now} />
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {state.status === 'ready' && <ErrorMessage error={state.loadMoreError} />}
      {state.status === 'ready' && state.nextCursor && (
        <button type="button" className="button button--small" onClick={() => void loadMore()} disabled={state.isLoadingMore}>
          {state.isLoadingMore ? t('app.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
