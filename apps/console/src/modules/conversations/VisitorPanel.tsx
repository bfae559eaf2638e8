import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatVisitorInfo } from '@rapport/contracts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatDateTime, formatRelativeTime, languageName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { useSignals } from '../../platform/useLiveEvents';
import { fetchVisitor } from './chat-api';
import { EmailTranscript } from './EmailTranscript';
import { pageLabel, safePageUrl, visitorLocalTime, visitorPageOf, visitorRefreshMs } from './chat-visitor';

type Load = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; visitor: ChatVisitorInfo };

/**
 * The visitor as their browser reports them, kept current: fetched again every 30 s and after each page
 * signal, whose page shows at once. A failed refresh keeps what is shown.
 */
function useVisitor(conversationId: string): Load {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const latest = useRef(0);
  const refresh = useCallback(
    (isFirst: boolean) => {
      const request = ++latest.current;
      fetchVisitor(conversationId).then(
        (visitor) => request === latest.current && setLoad({ status: 'ready', visitor }),
        (error: unknown) => request === latest.current && isFirst && setLoad({ status: 'failed', error }),
      );
    },
    [conversationId],
  );
  useEffect(() => {
    setLoad({ status: 'loading' });
    refresh(true);
    const timer = window.setInterval(() => refresh(false), visitorRefreshMs);
    return () => window.clearInterval(timer);
  }, [refresh]);
  useSignals(conversationId, (signal) => {
    const page = visitorPageOf(signal, conversationId);
    if (!page) return;
    setLoad((current) =>
      current.status === 'ready'
        ? { status: 'ready', visitor: { ...current.visitor, pageUrl: page.url, pageTitle: page.title, online: true } }
        : current,
    );
    refresh(false);
  });
  return load;
}

/**
 * A chat visitor beside the thread: whether the widget is open now, the page they are on (a link that opens
 * apart from the console), their local time in their own zone, and their language; and the chat's transcript
 * by email.
 */
export function VisitorPanel({ conversationId, now }: { conversationId: string; now: Date }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const load = useVisitor(conversationId);
  return (
    <section className="panel visitor-panel" aria-labelledby="visitor-panel-heading">
      <h2 id="visitor-panel-heading">{t('chat.visitor.title')}</h2>
      {load.status === 'loading' && <Loading />}
      {load.status === 'failed' && <ErrorMessage error={load.error} />}
      {load.status === 'ready' && <VisitorFacts visitor={load.visitor} now={now} locale={locale} />}
      <EmailTranscript conversationId={conversationId} />
    </section>
  );
}

function VisitorFacts({ visitor, now, locale }: { visitor: ChatVisitorInfo; now: Date; locale: string }) {
  const { t } = useTranslation();
  const href = safePageUrl(visitor.pageUrl);
  const label = pageLabel(visitor.pageTitle, visitor.pageUrl);
  const clock = visitorLocalTime(visitor.timeZone, locale, now);
  return (
    <>
      <p className="visitor-panel__presence" aria-live="polite">
        <span className={`presence-dot presence-dot--${visitor.online ? 'online' : 'offline'}`} aria-hidden="true" />
        {visitor.online ? (
          t('chat.visitor.online')
        ) : (
          <>
            {t('chat.visitor.offline')}{' '}
            <span className="muted">
              {t('chat.visitor.lastSeen', { time: formatRelativeTime(visitor.lastSeenAt, locale, now.getTime()) })}
            </span>
          </>
        )}
      </p>
      <dl className="summary visitor-panel__facts">
        <div>
          <dt>{t('chat.visitor.page')}</dt>
          <dd>
            {!label && t('common.notSet')}
            {label && href && (
              <a href={href} target="_blank" rel="noopener noreferrer" title={href} className="visitor-panel__page">
                {label}
                <span className="visually-hidden"> {t('chat.visitor.opensApart')}</span>
              </a>
            )}
            {label && !href && <span className="visitor-panel__page">{label}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('chat.visitor.localTime')}</dt>
          <dd>
            {clock ? (
              <>
                <time
                  dateTime={now.toISOString()}
                  title={formatDateTime(now.toISOString(), locale, visitor.timeZone ?? undefined)}
                >
                  {clock.time}
                </time>
                <span className="visitor-panel__zone">
                  {clock.zone}
                  {clock.zoneName && ` (${clock.zoneName})`}
                </span>
              </>
            ) : (
              t('customers.profile.timeZoneUnknown')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('chat.visitor.language')}</dt>
          <dd>{visitor.language ? languageName(visitor.language, locale) : t('common.notSet')}</dd>
        </div>
      </dl>
    </>
  );
}
