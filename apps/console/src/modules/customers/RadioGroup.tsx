import { useId } from 'react';

interface RadioGroupProps<T extends string> {
  legend: string;
  hint?: string;
  name: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}

/** A few exclusive choices side by side, as a named group with an optional hint. */
export function RadioGroup<T extends string>({ legend, hint, name, value, options, onChange }: RadioGroupProps<T>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <fieldset className="radio-group" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">{legend}</legend>
      <div className="radio-group__options">
        {options.map((option) => (
          <label key={option.value} className="radio-group__option">
            <input
              type="radio"
              name={`${name}-${id}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </fieldset>
  );
}
