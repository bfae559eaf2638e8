import type { WidgetClientFrame, WidgetServerFrame } from '@rapport/contracts';
import { backoffDelay } from './backoff';

/**
 * The widget's WebSocket, kept alive: reconnects with backoff and jitter, checks liveness with app-level pings
 * (a dead mobile connection may never report `close`), and hands a refused token (close 4401) to the caller,
 * which must start a new session. The socket factory is injected so tests run it with fake sockets and timers.
 */

/** The part of the browser's WebSocket used here. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

/** connecting: a socket is being opened; open: the server said `welcome`; waiting: a reconnect is scheduled. */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ConnectionOptions {
  /** The socket's address for the current token; null when there is no session (the caller starts one). */
  url: () => string | null;
  createSocket: SocketFactory;
  onFrame: (frame: WidgetServerFrame) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** The server refused the token (close code 4401): get a new session, then call `start()`. */
  onTokenRefused: () => void;
  random?: () => number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  connectTimeoutMs?: number;
  maxDelayMs?: number;
}

/** WebSocket.OPEN, without touching the global (tests run without one). */
const socketOpen = 1;
const tokenRefusedCode = 4401; // widgetInvalidTokenCloseCode in the contract

export class Connection {
  private socket: SocketLike | null = null;
  private current: ConnectionStatus = 'idle';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ConnectionOptions) {}

  get status(): ConnectionStatus {
    return this.current;
  }

  /** Connects now unless connected or connecting; also the way back from `stop()`. */
  start(): void {
    if (this.current === 'open' || this.current === 'connecting') return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /** Closes for good (until `start()`): no reconnects. */
  stop(): void {
    this.clearTimers();
    this.detach(1000);
    this.setStatus('stopped');
  }

  /** The network is back, or the page visible again: skip the wait, or check a quiet connection at once. */
  wake(): void {
    if (this.current === 'waiting') {
      this.attempt = 0;
      this.start();
    } else if (this.current === 'open') {
      this.ping();
    }
  }

  /** Sends a frame when the connection is open; false otherwise (the caller keeps it for later). */
  send(frame: WidgetClientFrame): boolean {
    if (this.current !== 'open' || !this.socket || this.socket.readyState !== socketOpen) return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private connect(): void {
    const url = this.options.url();
    if (!url) {
      this.setStatus('idle');
      return;
    }
    this.setStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => this.receive(socket, event);
    socket.onclose = (event) => this.closed(socket, event.code);
    socket.onerror = () => undefined; // a close event follows every error
    this.connectTimer = setTimeout(() => this.drop(socket), this.options.connectTimeoutMs ?? 10_000);
  }

  private receive(socket: SocketLike, event: MessageEvent): void {
    if (socket !== this.socket) return;
    let frame: WidgetServerFrame;
    try {
      frame = JSON.parse(String(event.data)) as WidgetServerFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    // Anything arriving proves the connection alive.
    clearTimeout(this.pongTimer);
    if (frame.type === 'welcome') {
      clearTimeout(this.connectTimer);
      // Only a welcome resets the backoff: a server that accepts and drops at once must not be hammered.
      this.attempt = 0;
      this.setStatus('open');
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs ?? 25_000);
    }
    if (frame.type !== 'pong') this.options.onFrame(frame);
  }

  private ping(): void {
    if (!this.socket || this.current !== 'open') return;
    const socket = this.socket;
    if (!this.send({ type: 'ping' })) return;
    clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => this.drop(socket), this.options.pongTimeoutMs ?? 10_000);
  }

  private closed(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearTimers();
    if (this.current === 'stopped') return;
    if (code === tokenRefusedCode) {
      this.setStatus('idle');
      this.options.onTokenRefused();
      return;
    }
    this.scheduleReconnect();
  }

  /** Gives up on a socket that does not answer; its close event may take minutes, so do not wait for it. */
  private drop(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.clearTimers();
    this.detach(4000);
    this.scheduleReconnect();
  }

  private detach(code: number): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(code);
    } catch {
      // already closed
    }
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.options.random ?? Math.random, 500, this.options.maxDelayMs ?? 15_000);
    this.attempt += 1;
    this.setStatus('waiting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    clearTimeout(this.pongTimer);
    clearInterval(this.pingTimer);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.options.onStatus?.(status);
  }
}
