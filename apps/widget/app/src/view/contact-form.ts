import { el } from '../dom';
import type { Translate } from '../i18n';

/**
 * The email (and name) form, for three purposes: before the first message (pre-chat), when nobody is online
 * (the answer comes by email), and before emailing the transcript. Validation messages are the widget's own, in
 * the widget's language (the browser's would be in the browser's).
 */

export type ContactPurpose = 'prechat' | 'offline' | 'transcript';

export interface ContactFormOptions {
  purpose: ContactPurpose;
  t: Translate;
  /** Pre-chat "optional": the visitor may skip the form. */
  canSkip: boolean;
  onSubmit: (email: string, name: string | undefined) => void;
  onSkip?: () => void;
}

// What a person would call an address; the server validates it properly.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
let formCount = 0;

export function contactForm(options: ContactFormOptions): HTMLFormElement {
  const { t, purpose } = options;
  const id = `contact-${++formCount}`;
  const intro = {
    prechat: t('contact.prechatIntro'),
    offline: t('contact.offlineIntro'),
    transcript: t('contact.transcriptIntro'),
  }[purpose];
  const nameInput = el('input', { id: `${id}-name`, name: 'name', type: 'text', autocomplete: 'name', maxlength: '200' });
  const emailInput = el('input', {
    id: `${id}-email`,
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    inputmode: 'email',
    maxlength: '254',
    required: true,
    'aria-describedby': `${id}-error`,
  });
  const error = el('p', { id: `${id}-error`, class: 'field-error', 'aria-live': 'assertive' });
  const buttons = [el('button', { type: 'submit', class: 'primary' }, [t('contact.submit')])];
  if (options.canSkip) {
    const skip = el('button', { type: 'button', class: 'secondary' }, [t('contact.skip')]);
    skip.addEventListener('click', () => options.onSkip?.());
    buttons.push(skip);
  }
  const form = el('form', { class: `contact-form ${purpose}`, novalidate: true, 'aria-labelledby': `${id}-intro` }, [
    el('p', { id: `${id}-intro`, class: 'intro' }, [intro]),
    purpose === 'transcript'
      ? null
      : el('label', { for: nameInput.id }, [t('contact.name'), ' ', el('span', { class: 'optional' }, [t('contact.optional')])]),
    purpose === 'transcript' ? null : nameInput,
    el('label', { for: emailInput.id }, [t('contact.email')]),
    emailInput,
    error,
    el('div', { class: 'actions' }, buttons),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = emailInput.value.trim();
    if (!emailPattern.test(email)) {
      error.textContent = t('contact.invalidEmail');
      emailInput.setAttribute('aria-invalid', 'true');
      emailInput.focus();
      return;
    }
    const name = nameInput.value.trim();
    options.onSubmit(email, name || undefined);
  });
  return form;
}
