import { useTranslation } from 'react-i18next';

export type ImportStep = 'upload' | 'map' | 'import';

const steps: ImportStep[] = ['upload', 'map', 'import'];

/** The wizard's three steps, the current one marked for assistive technology too. */
export function ImportSteps({ current }: { current: ImportStep }) {
  const { t } = useTranslation();
  const currentIndex = steps.indexOf(current);
  return (
    <ol className="import-steps" aria-label={t('customers.import.steps.label')}>
      {steps.map((step, index) => {
        const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'next';
        return (
          <li
            key={step}
            className={`import-steps__step import-steps__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="import-steps__number" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className="import-steps__label">
              {t(`customers.import.steps.${step}`)}
              {state === 'done' && <span className="visually-hidden"> ({t('customers.import.steps.completed')})</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
