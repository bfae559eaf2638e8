import type { WidgetConfig } from '@rapport/contracts';
import { describeAvailability } from '../availability-text';
import { maxMessageChars, type ChatSnapshot, type SendResult } from '../chat';
import { el, setHidden, setText } from '../dom';
import type { Translate } from '../i18n';
import { contactForm, type ContactPurpose } from './contact-form';
import { createLauncher } from './launcher';
import { MessageList } from './message-list';

/**
 * The widget's screen: the launcher and the panel (a labelled dialog region). Built once; `render` updates it
 * from the state, touching only what changed, so it can run on every frame from the socket.
 */

export interface ViewState {
  t: Translate;
  language: string;
  timeZone: string;
  now: Date;
  config: WidgetConfig | null;
  chat: ChatSnapshot;
  isOpen: boolean;
  /** The email form to show, if any. */
  form: ContactPurpose | null;
  /** The pre-chat form may be skipped ("optional"). */
  canSkipForm: boolean;
  /** The composer waits for the pre-chat form. */
  isComposerShown: boolean;
}

export interface ViewHandlers {
  onToggle(isOpen: boolean): void;
  onSend(text: string): SendResult;
  onComposing(): void;
  onRetry(clientId: string): void;
  onContact(purpose: ContactPurpose, email: string, name: string | undefined): void;
  onSkipForm(): void;
  onTranscript(): void;
}

const panelId = 'rapport-panel';

export class WidgetView {
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel = el('section', {
    id: panelId,
    class: 'panel',
    role: 'dialog',
    'aria-labelledby': 'panel-title',
    hidden: true,
  });
  private readonly title = el('h1', { id: 'panel-title' });
  private readonly closeButton = el('button', { type: 'button', class: 'close' }, ['×']);
  private readonly availabilityLine = el('p', { class: 'availability' });
  private readonly availabilityDetail = el('p', { class: 'availability-detail' });
  private readonly scroller = el('div', { class: 'scroller' });
  private readonly greeting = el('p', { class: 'greeting' });
  private readonly offlineMessage = el('p', { class: 'offline-message' });
  private readonly messages: MessageList;
  private readonly typing = el('p', { class: 'typing', 'aria-live': 'polite' });
  private readonly notice = el('p', { class: 'notice', role: 'status' });
  private readonly formSlot = el('div', { class: 'form-slot' });
  private readonly connection = el('p', { class: 'connection', role: 'status' });
  private readonly composerError = el('p', { id: 'composer-error', class: 'field-error', 'aria-live': 'assertive' });
  private readonly textarea = el('textarea', {
    id: 'composer-input',
    rows: '1',
    maxlength: String(maxMessageChars),
    'aria-describedby': 'composer-error',
  });
  private readonly composerLabel = el('label', { for: 'composer-input', class: 'visually-hidden' });
  private readonly sendButton = el('button', { type: 'submit', class: 'send' });
  private readonly composer = el('form', { class: 'composer' }, [this.composerLabel, this.textarea, this.sendButton]);
  private readonly transcriptButton = el('button', { type: 'button', class: 'link-button transcript' });
  private current: ViewState | null = null;
  private renderedForm: { purpose: ContactPurpose; language: string; canSkip: boolean } | null = null;

  constructor(
    root: HTMLElement,
    private readonly handlers: ViewHandlers,
  ) {
    ({ button: this.launcher, badge: this.badge } = createLauncher(panelId));
    this.messages = new MessageList(
      () => this.state.t,
      (iso) => this.formatTime(iso),
      (clientId) => handlers.onRetry(clientId),
    );
    this.panel.append(
      el('header', { class: 'header' }, [
        el('div', { class: 'heading' }, [this.title, this.availabilityLine, this.availabilityDetail]),
        this.closeButton,
      ]),
      this.scroller,
      this.connection,
      this.composer,
      el('footer', { class: 'footer' }, [this.composerError, this.transcriptButton]),
    );
    this.scroller.append(this.greeting, this.offlineMessage, this.messages.element, this.typing, this.notice, this.formSlot);
    root.append(this.launcher, this.panel);
    this.listen();
  }

  private get state(): ViewState {
    if (!this.current) throw new Error('render before use');
    return this.current;
  }

  render(state: ViewState): void {
    const previous = this.current;
    this.current = state;
    const { t, chat, config } = state;
    this.renderLauncher(state);
    setHidden(this.panel, !state.isOpen);
    setText(this.title, config?.name || t('panel.title'));
    this.closeButton.setAttribute('aria-label', t('panel.close'));
    this.renderAvailability(state);
    setText(this.greeting, config?.greeting ?? t('panel.defaultGreeting'));
    const isOffline = chat.availability?.online === false;
    setText(this.offlineMessage, isOffline ? (config?.offlineMessage ?? '') : '');
    setHidden(this.offlineMessage, !isOffline || !config?.offlineMessage);
    const isAdded = this.messages.render(chat.items, chat.seenKey, state.language);
    const typing = chat.agentTyping;
    setText(
      this.typing,
      typing ? (typing.name ? t('messages.typing', { name: typing.name }) : t('messages.typingAnonymous')) : '',
    );
    setText(this.notice, this.noticeText(state));
    this.renderForm(state);
    setText(
      this.connection,
      chat.status === 'reconnecting' ? t('status.reconnecting') : chat.status === 'unavailable' ? t('status.unavailable') : '',
    );
    setHidden(this.composer, !state.isComposerShown || chat.status === 'unavailable');
    this.composerLabel.textContent = t('composer.label');
    this.textarea.placeholder = t('composer.placeholder');
    setText(this.sendButton, t('composer.send'));
    setText(this.transcriptButton, t('transcript.button'));
    setHidden(this.transcriptButton, !chat.items.some((item) => item.state === 'sent'));
    if (isAdded && state.isOpen) this.scroller.scrollTop = this.scroller.scrollHeight;
    if (state.isOpen && !previous?.isOpen) this.focusPanel();
    if (!state.isOpen && previous?.isOpen) this.launcher.focus();
  }

  private renderLauncher({ t, chat, isOpen }: ViewState): void {
    setHidden(this.launcher, isOpen);
    this.launcher.setAttribute('aria-expanded', String(isOpen));
    const unread = isOpen ? 0 : chat.unread;
    const label = unread > 0 ? `${t('launcher.open')} (${t('launcher.unread', { count: unread })})` : t('launcher.open');
    this.launcher.setAttribute('aria-label', label);
    setHidden(this.badge, unread === 0);
    setText(this.badge, unread > 9 ? '9+' : String(unread));
  }

  private renderAvailability({ t, chat, language, timeZone, now }: ViewState): void {
    const availability = chat.availability;
    this.panel.dataset.online = String(availability?.online ?? false);
    if (!availability) {
      setText(this.availabilityLine, '');
      setText(this.availabilityDetail, '');
      return;
    }
    const text = describeAvailability(availability, { now, language, timeZone, t });
    setText(this.availabilityLine, text.headline);
    setText(this.availabilityDetail, text.detail ?? '');
  }

  private noticeText({ t, chat }: ViewState): string {
    const notice = chat.notice;
    if (!notice || notice.kind === 'email_required' || notice.kind === 'contact_required') return '';
    return notice.kind === 'contact_saved'
      ? t('contact.saved', { email: notice.email })
      : t('transcript.queued', { email: notice.email });
  }

  /**
   * Rebuilds the form only when its purpose, language or skip button (the channel's pre-chat form setting) changes, so
   * typed values survive other updates.
   */
  private renderForm(state: ViewState): void {
    const wanted = state.form;
    const canSkip = wanted === 'prechat' && state.canSkipForm;
    const rendered = this.renderedForm;
    if (wanted === rendered?.purpose && state.language === rendered.language && canSkip === rendered.canSkip) return;
    if (!wanted) {
      this.formSlot.replaceChildren();
      this.renderedForm = null;
      return;
    }
    const form = contactForm({
      purpose: wanted,
      t: state.t,
      canSkip,
      onSubmit: (email, name) => this.handlers.onContact(wanted, email, name),
      onSkip: () => this.handlers.onSkipForm(),
    });
    this.formSlot.replaceChildren(form);
    this.renderedForm = { purpose: wanted, language: state.language, canSkip };
    if (state.isOpen && wanted !== 'offline') form.querySelector('input')?.focus();
  }

  private focusPanel(): void {
    const field = this.formSlot.querySelector<HTMLInputElement>('input');
    (field && !this.state.isComposerShown ? field : this.textarea).focus();
  }

  private formatTime(iso: string): string {
    const { language, timeZone, now } = this.state;
    const date = new Date(iso);
    const isToday = date.toDateString() === now.toDateString();
    // Each locale's own clock ("9:00 AM", "09:00"); the date too for earlier days.
    const options: Intl.DateTimeFormatOptions = isToday ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
    return new Intl.DateTimeFormat(language, { timeZone, ...options }).format(date);
  }

  private listen(): void {
    this.launcher.addEventListener('click', () => this.handlers.onToggle(true));
    this.closeButton.addEventListener('click', () => this.handlers.onToggle(false));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.current?.isOpen) this.handlers.onToggle(false);
    });
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; never while an input method is composing a character.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.composerError.textContent = '';
      this.autoGrow();
      if (this.textarea.value.trim()) this.handlers.onComposing();
    });
    this.transcriptButton.addEventListener('click', () => this.handlers.onTranscript());
  }

  private submit(): void {
    const result = this.handlers.onSend(this.textarea.value);
    if (result === 'sent') {
      this.textarea.value = '';
      this.autoGrow();
    } else if (result === 'too_long') {
      this.composerError.textContent = this.state.t('composer.tooLong', { max: maxMessageChars });
    }
    this.textarea.focus();
  }

  /** The composer grows with its text up to a few lines, then scrolls. */
  private autoGrow(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, 120)}px`;
  }
}
