import type {
  WidgetAvailability,
  WidgetClientFrame,
  WidgetConfig,
  WidgetIdentity,
  WidgetMessage,
  WidgetServerFrame,
  WidgetVisitor,
} from '@rapport/contracts';
import type { PageInfo } from '../../shared/bridge';
import type { WidgetApi } from './api';
import { backoffDelay } from './backoff';
import { Connection, type SocketFactory } from './connection';
import { Outbox } from './outbox';
import { openSession } from './session';
import { storageKeys, type KeyValueStore } from './storage';
import { Timeline, type TimelineItem } from './timeline';
import { TypingNotifier } from './typing';

/**
 * The chat without its screen: the visitor's session, the socket, the outbox and the conversation, read
 * receipts, typing, availability, changed channel settings and the email forms' frames. The view calls its methods
 * and re-renders from `snapshot()` on every `onChange`; the DOM never appears here, so the tests drive it with fake
 * sockets.
 */

/** The longest message (maxWidgetMessageChars in the contract; a value import would bundle zod). */
export const maxMessageChars = 5_000;
/** How long the agent's "typing…" stays without a new typing frame (their client repeats it every few seconds). */
const agentTypingTimeoutMs = 10_000;

export type ChatStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unavailable';
export type ChatNotice =
  | { kind: 'contact_saved'; email: string }
  | { kind: 'transcript_queued'; email: string }
  /** A transcript was asked without an email known: the view asks for one. */
  | { kind: 'email_required' }
  /** The channel requires the pre-chat form and the server refused a message without it: the view shows the form. */
  | { kind: 'contact_required' };

export interface ChatSnapshot {
  status: ChatStatus;
  items: readonly TimelineItem[];
  /** The visitor message under which to show "Seen". */
  seenKey: string | null;
  /** The agent is typing (their name when known). */
  agentTyping: { name: string | null } | null;
  availability: WidgetAvailability | null;
  /** The visitor's email: from the session, or given in a form (then confirmed by contact_saved). */
  email: string | null;
  notice: ChatNotice | null;
  /** Team messages not yet seen with the panel open. */
  unread: number;
}

export interface ChatOptions {
  widgetKey: string;
  api: Pick<WidgetApi, 'createSession'>;
  socketUrl: (token: string) => string;
  createSocket: SocketFactory;
  store: KeyValueStore;
  onChange: () => void;
  /** The channel's settings changed while connected: its new config (`config` frame), to show at once. */
  onConfig?: (config: WidgetConfig) => void;
  now?: () => Date;
  random?: () => number;
}

export interface SessionContext {
  identity: WidgetIdentity | null;
  language: string;
  timeZone: string;
  page: PageInfo | null;
}

export type SendResult = 'sent' | 'empty' | 'too_long';

export class ChatController {
  private readonly keys: ReturnType<typeof storageKeys>;
  private readonly outbox: Outbox;
  private readonly timeline = new Timeline();
  private readonly connection: Connection;
  private readonly typing: TypingNotifier;
  private readonly now: () => Date;
  private context: SessionContext = { identity: null, language: 'en', timeZone: 'UTC', page: null };
  private token: string | null;
  private visitor: WidgetVisitor | null = null;
  private sessionState: 'none' | 'starting' | 'ready' | 'unavailable' = 'none';
  /** Bumped when a session is abandoned (identity changed), so a late answer for the old one is ignored. */
  private sessionGeneration = 0;
  private sessionAttempt = 0;
  private sessionTimer: ReturnType<typeof setTimeout> | undefined;
  /** The socket is open and history merged: frames may be sent. */
  private isSynced = false;
  /** The outbox entry sent and not yet acknowledged: entries go one at a time, in order. */
  private inFlight: string | null = null;
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private maxFrameBytes = 16 * 1024;
  private pendingContact: { email: string; name?: string } | null = null;
  /** The address the visitor gave in a form this page view (the server confirms it with contact_saved). */
  private contactEmail: string | null = null;
  private isTranscriptWanted = false;
  /** The server refused a message for want of the pre-chat form: the outbox waits until the visitor gives an email. */
  private isContactRequired = false;
  private isPanelVisible = false;
  private readUpTo: string | null;
  private lastPageSent: string | null = null;
  private agentTyping: { name: string | null } | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private availability: WidgetAvailability | null = null;
  private notice: ChatNotice | null = null;

  constructor(private readonly options: ChatOptions) {
    this.now = options.now ?? (() => new Date());
    this.keys = storageKeys(options.widgetKey);
    this.token = options.store.get(this.keys.token);
    this.readUpTo = options.store.get(this.keys.readUpTo);
    this.outbox = new Outbox(options.store, this.keys.outbox);
    // Messages left unsent by an earlier page view show at once, as sending (or failed).
    for (const entry of this.outbox.entries()) this.timeline.addPending(entry);
    this.connection = new Connection({
      url: () => (this.token ? options.socketUrl(this.token) : null),
      createSocket: options.createSocket,
      random: options.random,
      onFrame: (frame) => this.receive(frame),
      onStatus: (status) => {
        if (status !== 'open') this.desync();
        this.changed();
      },
      onTokenRefused: () => this.restartSession(true),
    });
    this.typing = new TypingNotifier((typing) => void (this.isSynced && this.send({ type: 'typing', typing })));
  }

  /** A visitor from an earlier page view (a token or unsent messages): worth connecting before the panel opens. */
  get hasSavedSession(): boolean {
    return this.token !== null || this.outbox.entries().length > 0;
  }

  /** Identity, language, time zone and page for the next session (identity changes start one at once). */
  setContext(context: Partial<SessionContext>): void {
    const isNewIdentity = 'identity' in context && context.identity?.signature !== this.context.identity?.signature;
    this.context = { ...this.context, ...context };
    if (isNewIdentity && this.sessionState !== 'none') this.restartSession(false);
    if (context.page) this.sendPage();
  }

  setAvailability(availability: WidgetAvailability): void {
    this.availability = availability;
    this.changed();
  }

  /** Starts the session and socket unless already started (a scheduled reconnect keeps its backoff); idempotent. */
  start(): void {
    if (this.sessionState === 'none' && this.sessionAttempt === 0) void this.startSession();
    const status = this.connection.status;
    if (this.sessionState === 'ready' && (status === 'idle' || status === 'stopped')) this.connection.start();
  }

  /** The network is back or the page visible again: reconnect now instead of after the backoff. */
  wake(): void {
    if (this.sessionState === 'none' && this.sessionAttempt > 0) {
      clearTimeout(this.sessionTimer);
      void this.startSession();
    }
    this.connection.wake();
  }

  /** Queues a visitor message (stored before this returns) and sends it when the connection allows. */
  sendMessage(text: string): SendResult {
    const trimmed = text.trim();
    if (!trimmed) return 'empty';
    if (trimmed.length > maxMessageChars) return 'too_long';
    const entry = this.outbox.add(trimmed, this.now());
    this.timeline.addPending(entry);
    this.typing.stop();
    this.start();
    this.pump();
    this.changed();
    return 'sent';
  }

  /** Sends a failed message again, in its original place in line. */
  retry(clientId: string): void {
    this.outbox.retry(clientId);
    this.timeline.setPendingState(clientId, 'sending');
    this.pump();
    this.changed();
  }

  /** A key was pressed in the composer. */
  composing(): void {
    this.typing.input();
  }

  /** The panel is open and the page visible (read receipts are sent only then). */
  setPanelVisible(isVisible: boolean): void {
    this.isPanelVisible = isVisible;
    if (isVisible) this.start();
    this.syncRead();
    this.changed();
  }

  /** The pre-chat or offline form; with `thenTranscript`, also emails the conversation to that address. */
  saveContact(email: string, name: string | undefined, thenTranscript = false): void {
    this.pendingContact = name ? { email, name } : { email };
    this.contactEmail = email;
    if (thenTranscript) this.isTranscriptWanted = true;
    this.isContactRequired = false;
    this.notice = null;
    this.start();
    this.flush();
    this.changed();
  }

  /** "Email me this conversation": false when no email is known yet (ask for one, then `saveContact(…, true)`). */
  requestTranscript(): boolean {
    if (!this.visitor?.email && !this.contactEmail) return false;
    this.isTranscriptWanted = true;
    this.start();
    this.flush();
    return true;
  }

  dismissNotice(): void {
    this.notice = null;
    this.changed();
  }

  snapshot(): ChatSnapshot {
    return {
      status: this.status(),
      items: this.timeline.items(),
      seenKey: this.timeline.seenItemKey(),
      agentTyping: this.agentTyping,
      availability: this.availability,
      email: this.visitor?.email ?? this.contactEmail,
      notice: this.notice,
      unread: this.timeline.countOutboundAfter(this.readUpTo),
    };
  }

  private status(): ChatStatus {
    if (this.sessionState === 'unavailable') return 'unavailable';
    if (this.isSynced) return 'open';
    if (this.connection.status === 'waiting' || this.sessionAttempt > 0) return 'reconnecting';
    return this.sessionState === 'none' ? 'idle' : 'connecting';
  }

  private async startSession(): Promise<void> {
    const generation = ++this.sessionGeneration;
    this.sessionState = 'starting';
    this.changed();
    const { identity, language, timeZone, page } = this.context;
    try {
      const outcome = await openSession(this.options.api, {
        key: this.options.widgetKey,
        ...(this.token ? { visitorToken: this.token } : {}),
        ...(identity ? { identity } : {}),
        language,
        timeZone,
        ...(page ? { page: clampPage(page) } : {}),
      });
      if (generation !== this.sessionGeneration) return;
      if (outcome.kind === 'unavailable') {
        this.sessionState = 'unavailable';
        this.connection.stop();
        this.changed();
        return;
      }
      const { session } = outcome;
      if (this.visitor && this.visitor.id !== session.visitor.id) this.timeline.clearConfirmed();
      this.visitor = session.visitor;
      this.token = session.visitorToken;
      this.options.store.set(this.keys.token, session.visitorToken);
      this.lastPageSent = page?.url ?? null;
      this.sessionAttempt = 0;
      this.sessionState = 'ready';
      this.connection.start();
    } catch {
      if (generation !== this.sessionGeneration) return;
      // Network or server trouble: the same backoff as the socket's.
      this.sessionState = 'none';
      const delay = backoffDelay(this.sessionAttempt++, this.options.random ?? Math.random);
      this.sessionTimer = setTimeout(() => void this.startSession(), delay);
    }
    this.changed();
  }

  /** A new session: after the socket refused the token (forget it), or for a new identity (keep it). */
  private restartSession(isTokenRefused: boolean): void {
    if (isTokenRefused) {
      this.token = null;
      this.options.store.remove(this.keys.token);
    }
    this.sessionGeneration++;
    clearTimeout(this.sessionTimer);
    this.connection.stop();
    this.sessionState = 'none';
    void this.startSession();
  }

  private receive(frame: WidgetServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.maxFrameBytes = frame.maxFrameBytes;
        this.send({ type: 'hello', after: this.timeline.lastConfirmedId() });
        break;
      case 'history':
        for (const message of frame.messages) this.accept(message);
        this.timeline.setAgentReadUpTo(frame.agentReadUpTo);
        // Away through a long chat: the next page, before anything waiting is sent (resends match what is stored).
        if (frame.hasMore) {
          this.send({ type: 'hello', after: this.timeline.lastConfirmedId() });
          break;
        }
        this.isSynced = true;
        this.flush();
        break;
      case 'message':
        this.accept(frame.message);
        if (frame.message.direction === 'outbound') this.setAgentTyping(null);
        this.syncRead();
        break;
      case 'ack':
        this.accept(frame.message);
        this.outbox.remove(frame.clientId);
        if (this.inFlight === frame.clientId) this.inFlight = null;
        this.pump();
        break;
      case 'typing':
        this.setAgentTyping(frame.typing ? { name: frame.agentName } : null);
        break;
      case 'read':
        this.timeline.setAgentReadUpTo(frame.upTo);
        break;
      case 'availability':
        this.availability = frame.availability;
        break;
      case 'config':
        this.availability = frame.config.availability;
        this.options.onConfig?.(frame.config);
        break;
      case 'transcript_queued':
        this.notice = { kind: 'transcript_queued', email: frame.email };
        break;
      case 'contact_saved':
        if (this.visitor) this.visitor = { ...this.visitor, email: frame.email };
        this.notice = { kind: 'contact_saved', email: frame.email };
        // A message refused just before the contact arrived goes again now.
        this.isContactRequired = false;
        this.pump();
        break;
      case 'error':
        this.receiveError(frame);
        break;
      default:
        return;
    }
    this.changed();
  }

  private receiveError(frame: Extract<WidgetServerFrame, { type: 'error' }>): void {
    if (frame.code === 'rate_limited') {
      // Without a clientId it may still be the message in flight that was refused: resending is safe either way.
      if (!frame.clientId || frame.clientId === this.inFlight) this.inFlight = null;
      this.pause(frame.retryAfterMs ?? 1_000);
      return;
    }
    if (frame.code === 'contact_required') {
      // The message stays in the outbox, sending, and goes again once the form is sent.
      if (!frame.clientId || frame.clientId === this.inFlight) this.inFlight = null;
      this.isContactRequired = true;
      this.notice = { kind: 'contact_required' };
      return;
    }
    if (frame.code === 'email_required') {
      this.isTranscriptWanted = false;
      this.notice = { kind: 'email_required' };
      return;
    }
    if (frame.clientId) this.fail(frame.clientId);
  }

  /** A server message: shown once, and no longer pending if it was ours (from this tab or another). */
  private accept(message: WidgetMessage): void {
    this.timeline.upsert(message);
    if (message.clientId && this.outbox.has(message.clientId)) {
      this.outbox.remove(message.clientId);
      if (this.inFlight === message.clientId) this.inFlight = null;
    }
  }

  /** Sends what waited for the connection: the page, the contact form, a transcript request, the outbox. */
  private flush(): void {
    if (!this.isSynced) return;
    this.sendPage();
    if (this.pendingContact && this.send({ type: 'contact', ...this.pendingContact })) this.pendingContact = null;
    if (this.isTranscriptWanted && !this.pendingContact && this.send({ type: 'transcript' })) {
      this.isTranscriptWanted = false;
    }
    this.pump();
    this.syncRead();
  }

  /** Sends the oldest unsent outbox entry, if the connection is ready and nothing is awaiting its ack. */
  private pump(): void {
    if (!this.isSynced || this.inFlight !== null || this.isContactRequired || this.now().getTime() < this.pausedUntil) return;
    const entry = this.outbox.next();
    if (!entry) return;
    const frame: WidgetClientFrame = { type: 'message', clientId: entry.clientId, text: entry.text };
    if (new TextEncoder().encode(JSON.stringify(frame)).length > this.maxFrameBytes) {
      this.fail(entry.clientId); // would be refused as frame_too_large on every resend
      return;
    }
    if (this.send(frame)) this.inFlight = entry.clientId;
  }

  private fail(clientId: string): void {
    this.outbox.markFailed(clientId);
    this.timeline.setPendingState(clientId, 'failed');
    if (this.inFlight === clientId) this.inFlight = null;
    this.pump();
  }

  private pause(ms: number): void {
    this.pausedUntil = this.now().getTime() + ms;
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.pump(), ms);
  }

  private syncRead(): void {
    if (!this.isPanelVisible || !this.isSynced) return;
    const newest = this.timeline.newestOutboundId();
    if (!newest || newest === this.readUpTo || !this.send({ type: 'read', upTo: newest })) return;
    this.readUpTo = newest;
    this.options.store.set(this.keys.readUpTo, newest);
  }

  private sendPage(): void {
    const page = this.context.page;
    if (!this.isSynced || !page || page.url === this.lastPageSent) return;
    if (this.send({ type: 'page', ...clampPage(page) })) this.lastPageSent = page.url;
  }

  private setAgentTyping(typing: { name: string | null } | null): void {
    this.agentTyping = typing;
    clearTimeout(this.agentTypingTimer);
    if (typing) {
      this.agentTypingTimer = setTimeout(() => {
        this.agentTyping = null;
        this.changed();
      }, agentTypingTimeoutMs);
    }
  }

  /** The socket is gone: frames wait, and whatever was in flight is resent after the next `history`. */
  private desync(): void {
    this.isSynced = false;
    this.inFlight = null;
    this.agentTyping = null;
  }

  private send(frame: WidgetClientFrame): boolean {
    return this.connection.send(frame);
  }

  private changed(): void {
    this.options.onChange();
  }
}

/** The page as the contract accepts it (url ≤ 2000, title ≤ 300 characters). */
function clampPage(page: PageInfo): PageInfo {
  return { url: page.url.slice(0, 2000), title: page.title.slice(0, 300) };
}
