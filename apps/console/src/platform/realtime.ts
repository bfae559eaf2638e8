/**
 * The console's one live connection to the server: a single WebSocket per
 * tab (`GET /api/v1/realtime`) shared by every screen that listens, opened
 * when the first one listens and closed a little after the last one leaves.
 * It reconnects by itself (capped exponential backoff with jitter), asks for
 * the union of what its listeners want again after each reconnect, and then
 * tells every listener `{ type: 'reconnected' }`: events committed while it
 * was away are not replayed, so screens refetch what they show. Signals
 * (passing state: who is typing, a chat visitor's page) reach every socket of
 * the workspace whatever it subscribed to; signal listeners hear them all.
 */
import { realtimeServerFrame, type RealtimeClientFrame, type RealtimeEvent, type RealtimeSignal } from '@rapport/contracts';

/** What a listener hears: a committed event of the workspace, or that the socket came back after a gap. */
export type LiveUpdate = { type: 'event'; event: RealtimeEvent } | { type: 'reconnected' };

export interface LiveListener {
  /** Event name prefixes (`conversation.`, `message.received`); an empty list hears every event. */
  prefixes: readonly string[];
  onUpdate: (update: LiveUpdate) => void;
}

/** Hears every signal of the workspace (typing, a chat visitor's page); not stored, never replayed. */
export type SignalListener = (signal: RealtimeSignal) => void;

/**
 * The subscription of a socket kept open only for signals: a prefix no event name has (names are
 * `noun.past_verb`), so the server sends no events at all.
 */
export const noEventsPrefix = '_signals_only';

/** The little of a WebSocket the client uses; `SocketFactory` adapts the browser's (or a test's) to it. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  /** Also called when the connection could not be made (the browser reports 1006). */
  onClose(code: number): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export interface RealtimeClientOptions {
  url: string;
  createSocket?: SocketFactory;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How long the socket stays open after the last listener left (a page change re-listens at once). */
  idleCloseMs?: number;
  /** How often the client pings; a socket silent for two of these is given up and reconnected. */
  keepaliveMs?: number;
  random?: () => number;
}

/** The browser's WebSocket behind SocketLike. */
export const browserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  return socket;
};

/**
 * The wait before reconnect attempt `attempt` (0 = first): exponential from
 * minDelayMs, capped at maxDelayMs, then jittered into its upper half so that
 * every tab of a restarted server does not come back in the same instant.
 */
export function reconnectDelayMs(
  attempt: number,
  options: { minDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/** Whether a listener wants the event. */
export function wantsEvent(prefixes: readonly string[], name: string): boolean {
  return prefixes.length === 0 || prefixes.some((prefix) => name.startsWith(prefix));
}

/** The subscription covering every listener: `undefined` is every event. */
export function unionOfPrefixes(listeners: Iterable<LiveListener>): string[] | undefined {
  const names = new Set<string>();
  for (const listener of listeners) {
    if (listener.prefixes.length === 0) return undefined;
    for (const prefix of listener.prefixes) names.add(prefix);
  }
  return [...names].sort();
}

/** One shared, self-healing WebSocket and the listeners it feeds. */
export class RealtimeClient {
  readonly #options: Required<RealtimeClientOptions>;
  readonly #listeners = new Set<LiveListener>();
  readonly #signalListeners = new Set<SignalListener>();
  #socket: SocketLike | null = null;
  #isOpen = false;
  #sentSubscription: string | null = null;
  #attempt = 0;
  /** A connection was lost or failed while listeners waited: the next hello is a reconnect. */
  #missedSome = false;
  #lastFrameAt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #keepaliveTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: RealtimeClientOptions) {
    this.#options = {
      createSocket: browserSocket,
      minDelayMs: 500,
      maxDelayMs: 30_000,
      idleCloseMs: 5_000,
      keepaliveMs: 25_000,
      random: Math.random,
      ...options,
    };
  }

  /** Whether the socket is connected and greeted (for diagnostics and tests). */
  get isConnected(): boolean {
    return this.#isOpen;
  }

  /** Adds a listener (connecting if needed); returns the function that removes it. */
  listen(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    this.#onListenerAdded();
    return () => {
      if (this.#listeners.delete(listener)) this.#onListenerRemoved();
    };
  }

  /** Adds a signal listener (connecting if needed; it changes no event subscription); returns its remover. */
  listenSignals(listener: SignalListener): () => void {
    this.#signalListeners.add(listener);
    this.#onListenerAdded();
    return () => {
      if (this.#signalListeners.delete(listener)) this.#onListenerRemoved();
    };
  }

  #hasListeners(): boolean {
    return this.#listeners.size > 0 || this.#signalListeners.size > 0;
  }

  #onListenerAdded(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#socket && this.#reconnectTimer === undefined) this.#connect();
    else this.#syncSubscription();
  }

  #onListenerRemoved(): void {
    this.#syncSubscription();
    if (!this.#hasListeners()) this.#idleTimer = setTimeout(() => this.#shutDown(), this.#options.idleCloseMs);
  }

  /** Connects now instead of waiting out the backoff (the browser came back online). */
  reconnectNow(): void {
    if (this.#reconnectTimer === undefined || !this.#hasListeners()) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#connect();
  }

  #connect(): void {
    this.#isOpen = false;
    this.#sentSubscription = null;
    const socket = this.#options.createSocket(this.#options.url, {
      onOpen: () => {
        if (this.#socket !== socket) return;
        this.#lastFrameAt = Date.now();
        this.#syncSubscription(true);
      },
      onMessage: (data) => {
        if (this.#socket === socket) this.#onMessage(data);
      },
      onClose: () => {
        if (this.#socket === socket) this.#onLost();
      },
    });
    this.#socket = socket;
  }

  #onMessage(data: string): void {
    this.#lastFrameAt = Date.now();
    let frame;
    try {
      frame = realtimeServerFrame.parse(JSON.parse(data));
    } catch {
      return; // A newer server's frame this console does not know yet.
    }
    if (frame.type === 'hello') {
      this.#isOpen = true;
      this.#attempt = 0;
      this.#startKeepalive();
      if (this.#missedSome) {
        this.#missedSome = false;
        this.#notify({ type: 'reconnected' });
      }
    } else if (frame.type === 'event') {
      const update: LiveUpdate = { type: 'event', event: frame.event };
      for (const listener of [...this.#listeners]) if (wantsEvent(listener.prefixes, frame.event.name)) listener.onUpdate(update);
    } else if (frame.type === 'signal') {
      for (const listener of [...this.#signalListeners]) listener(frame.signal);
    }
  }

  #notify(update: LiveUpdate): void {
    for (const listener of [...this.#listeners]) listener.onUpdate(update);
  }

  /** Sends the union of the listeners' prefixes when it changed (or on a new socket: `force`). */
  #syncSubscription(force = false): void {
    if (!this.#socket || !this.#hasListeners()) return;
    const names = this.#listeners.size === 0 ? [noEventsPrefix] : unionOfPrefixes(this.#listeners);
    const key = JSON.stringify(names ?? null);
    if (!force && (this.#sentSubscription === null || key === this.#sentSubscription)) return;
    const frame: RealtimeClientFrame = names ? { type: 'subscribe', names } : { type: 'subscribe' };
    this.#sentSubscription = key;
    this.#send(frame);
  }

  #send(frame: RealtimeClientFrame): void {
    try {
      this.#socket?.send(JSON.stringify(frame));
    } catch {
      // Not open (yet, or any more): the open handler or the reconnect sends what is needed.
    }
  }

  #startKeepalive(): void {
    clearInterval(this.#keepaliveTimer);
    this.#keepaliveTimer = setInterval(() => {
      // A laptop that slept or a dropped network leaves a socket that looks open: give it up.
      if (Date.now() - this.#lastFrameAt > 2 * this.#options.keepaliveMs) {
        this.#socket?.close(4000, 'no answer');
        this.#onLost();
      } else this.#send({ type: 'ping' });
    }, this.#options.keepaliveMs);
  }

  #onLost(): void {
    this.#socket = null;
    this.#isOpen = false;
    clearInterval(this.#keepaliveTimer);
    if (!this.#hasListeners()) return;
    this.#missedSome = true;
    const delay = reconnectDelayMs(this.#attempt++, this.#options);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#connect();
    }, delay);
  }

  #shutDown(): void {
    this.#idleTimer = undefined;
    if (this.#hasListeners()) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    clearInterval(this.#keepaliveTimer);
    const socket = this.#socket;
    this.#socket = null;
    this.#isOpen = false;
    this.#missedSome = false;
    this.#attempt = 0;
    socket?.close(1000, 'no listeners');
  }
}

let shared: RealtimeClient | undefined;

/** The tab's one RealtimeClient, on this page's host (ws: or wss: as the page). */
export function sharedRealtimeClient(): RealtimeClient {
  if (!shared) {
    const { protocol, host } = window.location;
    const client = new RealtimeClient({ url: `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/v1/realtime` });
    window.addEventListener('online', () => client.reconnectNow());
    shared = client;
  }
  return shared;
}
