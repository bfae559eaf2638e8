import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SecretRevealProps {
  label: string;
  value: string;
  /** Why the person must copy it now (shown once, never again). */
  warning: string;
  onDone: () => void;
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; selecting the text still lets the person copy it.
    input?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/** Shows a link or secret that the server returns only once, with a copy button. */
export function SecretReveal({ label, value, warning, onDone }: SecretRevealProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <section className="reveal" aria-labelledby={`${id}-title`}>
      <h2 className="reveal__title" id={`${id}-title`}>
        {label}
      </h2>
      <p className="reveal__warning">{warning}</p>
      <div className="reveal__row">
        <label className="visually-hidden" htmlFor={id}>
          {label}
        </label>
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="button button--primary"
          onClick={() => void copyText(value, inputRef.current).then((ok) => setCopyState(ok ? 'copied' : 'failed'))}
        >
          {t('common.copy')}
        </button>
      </div>
      <p role="status" className="reveal__status">
        {copyState === 'copied' ? t('common.copied') : copyState === 'failed' ? t('common.copyFailed') : ''}
      </p>
      <button type="button" className="button" onClick={onDone}>
        {t('common.done')}
      </button>
    </section>
  );
}
