/** When the agent's typing in a chat is announced to the visitor: at most every few seconds, and stopped when idle. */

/** While typing, "typing" is sent again at most this often (the visitor's indicator times out without it). */
export const typingRepeatMs = 3_000;
/** After this long without a keystroke, "stopped" is sent. */
export const typingIdleMs = 5_000;

export interface TypingReporterOptions {
  /** Sends the state to the server; its failures are the caller's to swallow (typing is best effort). */
  send: (typing: boolean) => void;
  now?: () => number;
  repeatMs?: number;
  idleMs?: number;
}

/**
 * Turns keystrokes into few typing announcements: `true` on the first keystroke and again at most every
 * `repeatMs` while keystrokes continue, `false` after `idleMs` without one, and `false` at once on `stop`
 * (the message was sent, the draft emptied, the page left), only when `true` was the last thing said.
 */
export class TypingReporter {
  readonly #send: (typing: boolean) => void;
  readonly #now: () => number;
  readonly #repeatMs: number;
  readonly #idleMs: number;
  #lastSentAt: number | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TypingReporterOptions) {
    this.#send = options.send;
    this.#now = options.now ?? Date.now;
    this.#repeatMs = options.repeatMs ?? typingRepeatMs;
    this.#idleMs = options.idleMs ?? typingIdleMs;
  }

  /** Whether the visitor was last told the agent is typing. */
  get isTyping(): boolean {
    return this.#lastSentAt !== null;
  }

  /** A keystroke (or any change of the draft). */
  input(): void {
    const now = this.#now();
    if (this.#lastSentAt === null || now - this.#lastSentAt >= this.#repeatMs) {
      this.#lastSentAt = now;
      this.#send(true);
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.stop(), this.#idleMs);
  }

  /** The agent stopped: says so if it had said "typing". */
  stop(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (this.#lastSentAt === null) return;
    this.#lastSentAt = null;
    this.#send(false);
  }
}
