/**
 * The visitor's typing indicator as frames: `typing true` at most once per `throttleMs` while keys are pressed
 * (the agent's screen shows it for a few seconds after each), `typing false` after `idleMs` without a key or when
 * the message is sent.
 */
export class TypingNotifier {
  private isTyping = false;
  private lastSentAt = -Infinity;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly options: { throttleMs: number; idleMs: number; now: () => number } = {
      throttleMs: 3_000,
      idleMs: 5_000,
      now: () => Date.now(),
    },
  ) {}

  /** A key was pressed in the composer. */
  input(): void {
    const now = this.options.now();
    if (!this.isTyping || now - this.lastSentAt >= this.options.throttleMs) {
      this.isTyping = true;
      this.lastSentAt = now;
      this.send(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs);
  }

  /** The message was sent, the composer emptied or left idle: say so once. */
  stop(): void {
    clearTimeout(this.idleTimer);
    if (!this.isTyping) return;
    this.isTyping = false;
    this.send(false);
  }
}
