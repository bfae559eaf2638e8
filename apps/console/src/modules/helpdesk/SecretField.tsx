import { useRef, useState } from 'react';
import { CopyButton } from './CopyButton';
import { maskSecret } from './widget-setup';

interface SecretFieldProps {
  id: string;
  label: string;
  hint: string;
  secret: string;
  /** The button texts, in the panel's words. */
  texts: { show: string; hide: string; copy: string };
  /** The class of the row holding the field and its buttons. */
  rowClassName: string;
}

/**
 * A signing secret in a settings panel: masked until shown, with Show/Hide and Copy (which copies only what is
 * shown, selecting it for a manual copy when the clipboard is not available).
 */
export function SecretField({ id, label, hint, secret, texts, rowClassName }: SecretFieldProps) {
  const [isShown, setShown] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className={rowClassName}>
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          aria-describedby={`${id}-hint`}
          readOnly
          value={isShown ? secret : maskSecret(secret)}
          onFocus={(event) => isShown && event.currentTarget.select()}
        />
        <button type="button" className="button button--small" aria-pressed={isShown} onClick={() => setShown((shown) => !shown)}>
          {isShown ? texts.hide : texts.show}
        </button>
        <CopyButton text={secret} field={() => (isShown ? inputRef.current : null)} label={texts.copy} />
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
