import { useState } from 'react';
import { useTranslation } from 'react-i18next';

async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The clipboard API needs a secure context; a selected field can still be copied by hand.
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

type CopyState = 'idle' | 'copied' | 'failed';

/** A copy button that says, for screen readers too, whether it worked. */
export function CopyButton({
  text,
  field,
  label,
}: {
  text: string;
  field: () => HTMLInputElement | HTMLTextAreaElement | null;
  label: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<CopyState>('idle');
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={label}
        onClick={() => void copyText(text, field()).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {t('common.copy')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
