import { useTranslation } from 'react-i18next';
import type { WorkingHoursInterval } from '@rapport/contracts';
import { capitalize, weekdayName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import {
  addInterval,
  canAddInterval,
  copyDayToWeekdays,
  findIntervalProblems,
  intervalsOfDay,
  isoWeekdays,
  removeInterval,
  updateInterval,
} from './working-hours';

interface WorkingHoursEditorProps {
  value: WorkingHoursInterval[];
  onChange: (value: WorkingHoursInterval[]) => void;
}

/** Per weekday, zero or more start–end intervals in the person's own time zone. */
export function WorkingHoursEditor({ value, onChange }: WorkingHoursEditorProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const problems = findIntervalProblems(value);
  const monday = capitalize(weekdayName(1, locale), locale);
  return (
    <>
      <div className="working-hours">
        {isoWeekdays.map((day) => {
          const dayName = capitalize(weekdayName(day, locale), locale);
          const intervals = intervalsOfDay(value, day);
          return (
            <fieldset key={day} className="working-hours__day">
              <legend className="visually-hidden">{dayName}</legend>
              <div className="working-hours__row">
                <span className="working-hours__day-name" aria-hidden="true">
                  {dayName}
                </span>
                <div className="working-hours__intervals">
                  {intervals.length === 0 && <p className="muted">{t('workingHours.dayOff')}</p>}
                  {intervals.map(({ interval, index }, position) => {
                    const problem = problems.get(index);
                    const errorId = `wh-${day}-${index}-error`;
                    return (
                      <div key={index} className="working-hours__interval">
                        <label>
                          <span className="visually-hidden">
                            {t('workingHours.startOf', { day: dayName, number: position + 1 })}
                          </span>
                          <span aria-hidden="true" className="working-hours__label">
                            {t('workingHours.from')}
                          </span>
                          <input
                            type="time"
                            className="input input--time"
                            value={interval.start}
                            aria-invalid={problem ? true : undefined}
                            aria-describedby={problem ? errorId : undefined}
                            onChange={(event) => onChange(updateInterval(value, index, { start: event.target.value }))}
                          />
                        </label>
                        <label>
                          <span className="visually-hidden">
                            {t('workingHours.endOf', { day: dayName, number: position + 1 })}
                          </span>
                          <span aria-hidden="true" className="working-hours__label">
                            {t('workingHours.to')}
                          </span>
                          <input
                            type="time"
                            className="input input--time"
                            value={interval.end}
                            aria-invalid={problem ? true : undefined}
                            aria-describedby={problem ? errorId : undefined}
                            onChange={(event) => onChange(updateInterval(value, index, { end: event.target.value }))}
                          />
                        </label>
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('workingHours.removeLabel', { day: dayName, start: interval.start, end: interval.end })}
                          onClick={() => onChange(removeInterval(value, index))}
                        >
                          {t('workingHours.remove')}
                        </button>
                        {problem && (
                          <p className="field__error" id={errorId}>
                            {t(`workingHours.problems.${problem}`)}
                          </p>
                        )}
                      </div>
                    );
                  })}
                </div>
                <div className="working-hours__day-actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={!canAddInterval(value, day)}
                    aria-label={t('workingHours.addLabel', { day: dayName })}
                    onClick={() => onChange(addInterval(value, day))}
                  >
                    {t('workingHours.add')}
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
      </div>
      {intervalsOfDay(value, 1).length > 0 && (
        <div className="working-hours__footer">
          <button type="button" className="button button--small" onClick={() => onChange(copyDayToWeekdays(value, 1))}>
            {t('workingHours.copyToWeekdays', { day: monday })}
          </button>
        </div>
      )}
    </>
  );
}
