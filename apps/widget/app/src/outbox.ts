import type { KeyValueStore } from './storage';

/**
 * The visitor's messages not yet confirmed by the server, oldest first, kept in storage so that a message typed
 * offline, or just before the page was closed, is still delivered on the next connection. The server stores a
 * clientId once, so sending an entry again (after a reconnect, from another tab) is always safe.
 */

export interface OutboxEntry {
  /** Matches the contract's `^[A-Za-z0-9_-]{8,64}$`. */
  clientId: string;
  text: string;
  /** When it was typed (ISO); orders the pending bubbles and shows their time. */
  createdAt: string;
  /** The server refused it for good (not a rate limit); waits for the visitor's retry. */
  isFailed: boolean;
}

/** A fresh client id: 32 hex digits (a v4 UUID without dashes). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.clientId === 'string' &&
    /^[A-Za-z0-9_-]{8,64}$/.test(entry.clientId) &&
    typeof entry.text === 'string' &&
    typeof entry.createdAt === 'string' &&
    typeof entry.isFailed === 'boolean'
  );
}

export class Outbox {
  private list: OutboxEntry[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly storageKey: string,
  ) {
    this.list = this.load();
  }

  /** All entries, oldest first. */
  entries(): readonly OutboxEntry[] {
    return this.list;
  }

  has(clientId: string): boolean {
    return this.list.some((entry) => entry.clientId === clientId);
  }

  /** Adds a message to send; it is stored before this returns. */
  add(text: string, now: Date): OutboxEntry {
    this.refresh();
    const entry: OutboxEntry = { clientId: newClientId(), text, createdAt: now.toISOString(), isFailed: false };
    this.list.push(entry);
    this.save();
    return entry;
  }

  /** Drops a confirmed entry; false when it was not there (already confirmed, or another tab's). */
  remove(clientId: string): boolean {
    this.refresh();
    const before = this.list.length;
    this.list = this.list.filter((entry) => entry.clientId !== clientId);
    if (this.list.length === before) return false;
    this.save();
    return true;
  }

  markFailed(clientId: string): void {
    this.update(clientId, true);
  }

  /** Puts a failed entry back in line (in its original place: it was typed before the ones after it). */
  retry(clientId: string): void {
    this.update(clientId, false);
  }

  /** The oldest entry waiting to be sent, if any. */
  next(): OutboxEntry | undefined {
    return this.list.find((entry) => !entry.isFailed);
  }

  /** Another tab of the same site shares the storage: start each change from what is stored now. */
  private refresh(): void {
    this.list = this.load();
  }

  private update(clientId: string, isFailed: boolean): void {
    this.refresh();
    const entry = this.list.find((candidate) => candidate.clientId === clientId);
    if (!entry || entry.isFailed === isFailed) return;
    entry.isFailed = isFailed;
    this.save();
  }

  private load(): OutboxEntry[] {
    try {
      const parsed: unknown = JSON.parse(this.store.get(this.storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return []; // damaged storage: start clean rather than never sending again
    }
  }

  private save(): void {
    if (this.list.length === 0) this.store.remove(this.storageKey);
    else this.store.set(this.storageKey, JSON.stringify(this.list));
  }
}
