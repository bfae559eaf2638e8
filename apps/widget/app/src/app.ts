import type { WidgetConfig } from '@rapport/contracts';
import { readHostMessage, tag, type AppMessage, type HostMessage } from '../../shared/bridge';
import { createWidgetApi, endpointsFor, WidgetHttpError, type WidgetApi } from './api';
import { visitorTimeZone } from './availability-text';
import { backoffDelay } from './backoff';
import { ChatController } from './chat';
import { brandColours } from './contrast';
import { chooseLanguage, createTranslator, textDirection, type Translate, type WidgetLanguage } from './i18n';
import { mergePushedConfig } from './pushed-config';
import { createBrowserStore, storageKeys, type KeyValueStore } from './storage';
import type { ContactPurpose } from './view/contact-form';
import { WidgetView } from './view/widget-view';

/**
 * The iframe app: renders the launcher at once (from the last config this browser saw, if any), then fetches the
 * config, talks to the loader over postMessage, and connects when there is a conversation to continue or the
 * visitor opens the panel. A first-time visitor who never opens the chat creates no session on the server.
 */

export interface AppParams {
  widgetKey: string;
  /** The host page's origin: the only one whose messages are accepted, and the only target of ours. */
  hostOrigin: string | null;
  /** A language forced by the snippet (data-lang). */
  language: string | null;
}

/** If the loader never says `init` (the app opened on its own), still resume a conversation after this long. */
const initTimeoutMs = 2_000;

export class WidgetApp {
  private readonly store: KeyValueStore = createBrowserStore();
  private readonly keys: ReturnType<typeof storageKeys>;
  private readonly api: WidgetApi;
  private readonly controller: ChatController;
  private readonly view: WidgetView;
  private readonly timeZone = visitorTimeZone();
  private languageOverride: string | null;
  private language: WidgetLanguage = 'en';
  private t: Translate = createTranslator('en');
  private config: WidgetConfig | null;
  private isOpen = false;
  private isPreChatDone: boolean;
  private isTranscriptFormWanted = false;
  private isRenderQueued = false;

  constructor(private readonly params: AppParams) {
    this.keys = storageKeys(params.widgetKey);
    this.languageOverride = params.language;
    this.config = this.cachedConfig();
    this.isPreChatDone = this.store.get(this.keys.preChatDone) === '1';
    const endpoints = endpointsFor(location.href);
    this.api = createWidgetApi(endpoints.apiBase);
    this.controller = new ChatController({
      widgetKey: params.widgetKey,
      api: this.api,
      socketUrl: endpoints.socketUrl,
      createSocket: (url) => new WebSocket(url),
      store: this.store,
      onChange: () => this.scheduleRender(),
      onConfig: (config) => this.receiveConfig(config),
    });
    this.controller.setContext({ timeZone: this.timeZone });
    this.view = new WidgetView(document.body, {
      onToggle: (isOpen) => this.setOpen(isOpen),
      onSend: (text) => this.controller.sendMessage(text),
      onComposing: () => this.controller.composing(),
      onRetry: (clientId) => this.controller.retry(clientId),
      onContact: (purpose, email, name) => this.saveContact(purpose, email, name),
      onSkipForm: () => this.finishPreChat(),
      onTranscript: () => this.requestTranscript(),
    });
  }

  /** First render (synchronous: the launcher shows before any request), then everything that waits on others. */
  start(): void {
    this.applyLanguage();
    if (this.config) this.applyConfig(this.config);
    this.render();
    this.listen();
    this.post({ type: 'ready' });
    void this.loadConfig(0);
    setTimeout(() => {
      if (this.controller.hasSavedSession) this.controller.start();
    }, initTimeoutMs);
  }

  private listen(): void {
    window.addEventListener('message', (event) => {
      const message = this.params.hostOrigin ? readHostMessage(event, this.params.hostOrigin, window.parent) : null;
      if (message) this.receive(message);
    });
    window.addEventListener('online', () => this.controller.wake());
    document.addEventListener('visibilitychange', () => {
      this.controller.setPanelVisible(this.isOpen && !document.hidden);
      if (!document.hidden) this.controller.wake();
    });
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.controller.setContext({ identity: message.identity, page: message.page });
        this.setLanguageOverride(message.language);
        if (this.controller.hasSavedSession) this.controller.start();
        break;
      case 'identity':
        this.controller.setContext({ identity: message.identity });
        break;
      case 'language':
        this.setLanguageOverride(message.language);
        break;
      case 'page':
        this.controller.setContext({ page: message.page });
        break;
      case 'open':
      case 'close':
        this.setOpen(message.type === 'open');
        break;
    }
  }

  private setOpen(isOpen: boolean): void {
    if (isOpen === this.isOpen) return;
    // Grow the frame before showing the panel, and hide the panel before shrinking it, so nothing is cut off.
    if (isOpen) this.post({ type: 'resize', open: true, position: this.config?.position ?? 'right' });
    this.isOpen = isOpen;
    this.controller.setPanelVisible(isOpen && !document.hidden);
    this.render();
    if (!isOpen) this.post({ type: 'resize', open: false, position: this.config?.position ?? 'right' });
  }

  private setLanguageOverride(language: string | null): void {
    if (language === this.languageOverride) return;
    this.languageOverride = language;
    const before = this.language;
    this.applyLanguage();
    // The greeting and offline message come in the config's language.
    if (this.language !== before) void this.loadConfig(0);
    this.scheduleRender();
  }

  private applyLanguage(): void {
    this.language = chooseLanguage(this.languageOverride, navigator.languages ?? [navigator.language]);
    this.t = createTranslator(this.language);
    document.documentElement.lang = this.language;
    document.documentElement.dir = textDirection(this.language);
    document.title = this.t('panel.title');
    this.controller.setContext({ language: this.language });
  }

  private async loadConfig(attempt: number): Promise<void> {
    const language = this.language;
    try {
      const config = await this.api.getConfig(this.params.widgetKey, language);
      if (language !== this.language) return; // the language changed meanwhile; that request is on its way
      this.store.set(this.keys.config, JSON.stringify(config));
      this.applyConfig(config);
      this.scheduleRender();
    } catch (error) {
      if (error instanceof WidgetHttpError && error.isPermanent) {
        this.post({ type: 'hide' }); // wrong key or site not allowed: show nothing rather than a broken chat
        return;
      }
      setTimeout(() => void this.loadConfig(attempt + 1), backoffDelay(attempt, Math.random));
    }
  }

  private applyConfig(config: WidgetConfig): void {
    this.config = config;
    const colours = brandColours(config.colour);
    document.documentElement.style.setProperty('--brand', colours.background);
    document.documentElement.style.setProperty('--on-brand', colours.text);
    document.documentElement.dataset.position = config.position;
    this.controller.setAvailability(config.availability);
    this.post({ type: 'resize', open: this.isOpen, position: config.position });
  }

  /** The channel's settings changed while the widget is open: shown at once, and remembered for the next page. */
  private receiveConfig(pushed: WidgetConfig): void {
    const { config, hasStaleTexts } = mergePushedConfig(this.config, pushed, this.language);
    this.applyConfig(config);
    if (hasStaleTexts) void this.loadConfig(0);
    else this.store.set(this.keys.config, JSON.stringify(config));
    this.scheduleRender();
  }

  private cachedConfig(): WidgetConfig | null {
    try {
      const cached = JSON.parse(this.store.get(this.keys.config) ?? 'null') as WidgetConfig | null;
      return cached && typeof cached.colour === 'string' && typeof cached.availability === 'object' ? cached : null;
    } catch {
      return null;
    }
  }

  private saveContact(purpose: ContactPurpose, email: string, name: string | undefined): void {
    if (purpose === 'prechat') this.finishPreChat();
    this.isTranscriptFormWanted = false;
    this.controller.saveContact(email, name, purpose === 'transcript');
  }

  private finishPreChat(): void {
    this.isPreChatDone = true;
    this.store.set(this.keys.preChatDone, '1');
    this.scheduleRender();
  }

  private requestTranscript(): void {
    if (!this.controller.requestTranscript()) this.isTranscriptFormWanted = true;
    this.scheduleRender();
  }

  /** Which email form the panel shows: transcript (asked for), pre-chat (before the first message), offline. */
  private formToShow(): ContactPurpose | null {
    const chat = this.controller.snapshot();
    if (chat.status === 'unavailable' || chat.email) return null;
    if (this.isTranscriptFormWanted || chat.notice?.kind === 'email_required') return 'transcript';
    // The server asked for the pre-chat form (a message was refused without it): shown even after a first message.
    if (chat.notice?.kind === 'contact_required') return 'prechat';
    const preChat = this.config?.preChatForm ?? 'off';
    if (preChat !== 'off' && !this.isPreChatDone && chat.items.length === 0) return 'prechat';
    if (chat.availability?.online === false) return 'offline';
    return null;
  }

  private scheduleRender(): void {
    if (this.isRenderQueued) return;
    this.isRenderQueued = true;
    queueMicrotask(() => {
      this.isRenderQueued = false;
      this.render();
    });
  }

  private render(): void {
    const form = this.formToShow();
    const chat = this.controller.snapshot();
    this.view.render({
      t: this.t,
      language: this.language,
      timeZone: this.timeZone,
      now: new Date(),
      config: this.config,
      chat,
      isOpen: this.isOpen,
      form,
      // Not when the server refused a message without the form (it requires it now, whatever a cached config says).
      canSkipForm: this.config?.preChatForm === 'optional' && chat.notice?.kind !== 'contact_required',
      isComposerShown: form !== 'prechat',
    });
  }

  private post(message: AppMessage): void {
    if (!this.params.hostOrigin || window.parent === window) return;
    window.parent.postMessage(tag(message), this.params.hostOrigin);
  }
}
