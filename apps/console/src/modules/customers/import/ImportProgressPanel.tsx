import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerImport } from '@rapport/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { currentLocale } from '../../../platform/i18n';
import {
  announcedPercent,
  formatCount,
  formatDuration,
  formatPercent,
  isImportActive,
  isImportFinished,
  progressFraction,
  timeLeft,
} from './import-progress';
import { ImportSummary } from './ImportSummary';

interface ImportProgressPanelProps {
  customerImport: CustomerImport;
  /** The last request for news failed (the page keeps trying). */
  pollError: unknown;
}

/** "about 2 minutes", "less than a minute", or "calculating…" before the rate is known. */
function useTimeLeftText(secondsLeft: number | null): string {
  const { t } = useTranslation();
  const left = timeLeft(secondsLeft);
  if (left.kind === 'unknown') return t('customers.import.progress.calculating');
  if (left.kind === 'lessThanMinute') return t('customers.import.progress.lessThanMinute');
  return t('customers.import.progress.about', { duration: formatDuration(left.value, left.unit, currentLocale()) });
}

/**
 * Step 3: a progress bar with rows done, speed and time left while the import
 * runs, then what it did. Screen readers hear the status in steps of ten
 * percent, not every second's numbers.
 */
export function ImportProgressPanel({ customerImport, pollError }: ImportProgressPanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const { status, progress } = customerImport;
  const isActive = isImportActive(status);
  const fraction = progressFraction(progress, status);
  const timeLeftText = useTimeLeftText(progress.secondsLeft);

  // Started from the mapping screen, whose button is gone now: focus continues here.
  useEffect(() => {
    if (document.activeElement === document.body) heading.current?.focus();
  }, []);

  const counts = {
    created: formatCount(progress.created, locale),
    updated: formatCount(progress.updated, locale),
    failed: formatCount(progress.failed, locale),
  };
  const statusText =
    status === 'queued'
      ? t('customers.import.progress.queuedStatus')
      : status === 'running'
        ? t('customers.import.progress.runningStatus', { percent: formatPercent(announcedPercent(fraction) / 100, locale) })
        : status === 'done'
          ? t('customers.import.progress.doneStatus', counts)
          : t('customers.import.progress.failedStatus', counts);
  const skippedText =
    isImportFinished(status) && progress.skipped > 0
      ? ` ${t('customers.import.progress.skippedStatus', { count: progress.skipped, skipped: formatCount(progress.skipped, locale) })}`
      : '';

  return (
    <section className="panel import-progress" aria-labelledby="import-progress-heading">
      <h2 id="import-progress-heading" ref={heading} tabIndex={-1}>
        {t(`customers.import.progress.title.${status === 'uploaded' ? 'queued' : status}`)}
      </h2>
      {/* Seen only while queued (the bar and figures say the rest); screen readers hear every step of ten percent. */}
      <p className={status === 'queued' ? 'import-progress__status' : 'visually-hidden'} role="status" aria-live="polite">
        {statusText}
        {skippedText}
      </p>
      {isActive && (
        <>
          <div className="import-progress__meter">
            {status === 'queued' && progress.rowsDone === 0 ? (
              <progress className="import-progress__bar" aria-label={t('customers.import.progress.label')} />
            ) : (
              <progress
                className="import-progress__bar"
                aria-label={t('customers.import.progress.label')}
                max={Math.max(progress.rowsTotal, 1)}
                value={Math.min(progress.rowsDone, Math.max(progress.rowsTotal, 1))}
              />
            )}
            <span className="import-progress__percent" aria-hidden="true">
              {formatPercent(fraction, locale)}
            </span>
          </div>
          <dl className="summary summary--inline import-progress__facts">
            <div>
              <dt>{t('customers.import.progress.rows')}</dt>
              <dd>
                {t('customers.import.progress.rowsOf', {
                  done: formatCount(progress.rowsDone, locale),
                  total: formatCount(progress.rowsTotal, locale),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('customers.import.progress.speed')}</dt>
              <dd>
                {progress.rowsPerSecond === null
                  ? t('customers.import.progress.calculating')
                  : t('customers.import.progress.rowsPerSecond', {
                      count: progress.rowsPerSecond,
                      rate: formatCount(progress.rowsPerSecond, locale),
                    })}
              </dd>
            </div>
            <div>
              <dt>{t('customers.import.progress.timeLeft')}</dt>
              <dd>{timeLeftText}</dd>
            </div>
          </dl>
        </>
      )}
      {pollError !== null && isActive && <ErrorMessage error={pollError} />}
      {status === 'failed' && (
        <div className="alert alert--error">
          <p>{t('customers.import.progress.failedBody')}</p>
          {customerImport.error && (
            <p className="alert__reference">{t('customers.import.progress.reason', { reason: customerImport.error })}</p>
          )}
        </div>
      )}
      <ImportSummary customerImport={customerImport} />
    </section>
  );
}
