import type { WidgetMessage } from '@rapport/contracts';
import type { OutboxEntry } from './outbox';

/**
 * The conversation as the visitor sees it: the server's messages (history, live, acks) merged with the
 * visitor's pending ones. A message is never shown twice: one item per clientId (the visitor's own) or id (the
 * team's); an ack or a history entry for a pending clientId replaces the pending bubble in place.
 */

export type DeliveryState = 'sent' | 'sending' | 'failed';

export interface TimelineItem {
  /** Stable across the pending-to-sent change: the clientId for the visitor's messages, else the id. */
  key: string;
  id: string | null;
  clientId: string | null;
  direction: 'inbound' | 'outbound';
  text: string;
  authorName: string | null;
  createdAt: string;
  state: DeliveryState;
}

function keyOf(message: { id: string; clientId: string | null }): string {
  return message.clientId ?? message.id;
}

/** Server order: by createdAt, then id (ISO timestamps with the same offset compare as strings; parse to be safe). */
function compareConfirmed(a: TimelineItem, b: TimelineItem): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0) return byTime;
  return (a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0;
}

export class Timeline {
  private readonly confirmed = new Map<string, TimelineItem>();
  private readonly pending = new Map<string, TimelineItem>();
  /** id -> key, so the same stored message under another key (a clientId missing once) is still one item. */
  private readonly keysById = new Map<string, string>();
  private sorted: TimelineItem[] | null = [];
  /** The newest visitor message the team has read (from `read` frames and history). */
  private agentReadUpTo: string | null = null;

  /** Adds or replaces a server message; returns false when it was already shown as is. */
  upsert(message: WidgetMessage): boolean {
    const key = keyOf(message);
    const existing = this.confirmed.get(key);
    if (existing && existing.id === message.id && existing.text === message.text) return false;
    this.pending.delete(key);
    const previousKey = this.keysById.get(message.id);
    if (previousKey !== undefined && previousKey !== key) this.confirmed.delete(previousKey);
    this.keysById.set(message.id, key);
    this.confirmed.set(key, {
      key,
      id: message.id,
      clientId: message.clientId,
      direction: message.direction,
      text: message.text,
      authorName: message.authorName,
      createdAt: message.createdAt,
      state: 'sent',
    });
    this.sorted = null;
    return true;
  }

  /** Shows a visitor message not yet confirmed (sending, or failed); ignored when the server already has it. */
  addPending(entry: OutboxEntry): void {
    if (this.confirmed.has(entry.clientId)) return;
    this.pending.set(entry.clientId, {
      key: entry.clientId,
      id: null,
      clientId: entry.clientId,
      direction: 'inbound',
      text: entry.text,
      authorName: null,
      createdAt: entry.createdAt,
      state: entry.isFailed ? 'failed' : 'sending',
    });
    this.sorted = null;
  }

  setPendingState(clientId: string, state: 'sending' | 'failed'): void {
    const item = this.pending.get(clientId);
    if (!item || item.state === state) return;
    this.pending.set(clientId, { ...item, state });
    this.sorted = null;
  }

  isConfirmed(clientId: string): boolean {
    return this.confirmed.has(clientId);
  }

  /** Forgets the server's messages (another visitor now): pending ones stay, they are still to be sent. */
  clearConfirmed(): void {
    this.confirmed.clear();
    this.keysById.clear();
    this.agentReadUpTo = null;
    this.sorted = null;
  }

  /**
   * Everything in display order: the server's messages by createdAt then id, then the pending ones in the order
   * they were typed (they will be stored after everything the server has, whatever the local clock says).
   */
  items(): readonly TimelineItem[] {
    if (this.sorted) return this.sorted;
    const confirmed = [...this.confirmed.values()].sort(compareConfirmed);
    const pending = [...this.pending.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    this.sorted = [...confirmed, ...pending];
    return this.sorted;
  }

  /** The newest server message's id: where `hello` asks history to continue from. */
  lastConfirmedId(): string | null {
    const items = this.items();
    for (let index = items.length - 1; index >= 0; index--) {
      const item = items[index];
      if (item?.id) return item.id;
    }
    return null;
  }

  /** The newest team message's id, for the visitor's read receipt. */
  newestOutboundId(): string | null {
    return this.findLast((item) => item.direction === 'outbound' && item.id !== null)?.id ?? null;
  }

  /** Team messages after `readUpTo` (all of them without one): the launcher's unread badge. */
  countOutboundAfter(readUpTo: string | null): number {
    const items = this.items();
    const start = readUpTo ? items.findIndex((item) => item.id === readUpTo) + 1 : 0;
    return items.slice(start).filter((item) => item.direction === 'outbound' && item.id !== null).length;
  }

  /** Records the team's read receipt; an older one than already known is ignored. */
  setAgentReadUpTo(upTo: string | null): void {
    if (upTo === null) return;
    const items = this.items();
    const next = items.findIndex((item) => item.id === upTo);
    const current = this.agentReadUpTo ? items.findIndex((item) => item.id === this.agentReadUpTo) : -1;
    // Unknown yet (a message this page has not loaded): keep it, history will bring the message.
    if (next === -1 || next >= current) this.agentReadUpTo = upTo;
  }

  /** The visitor's last message the team has read: where "Seen" goes. */
  seenItemKey(): string | null {
    if (!this.agentReadUpTo) return null;
    const items = this.items();
    const upTo = items.findIndex((item) => item.id === this.agentReadUpTo);
    if (upTo === -1) return null;
    for (let index = upTo; index >= 0; index--) {
      const item = items[index];
      if (item?.direction === 'inbound' && item.state === 'sent') return item.key;
    }
    return null;
  }

  private findLast(predicate: (item: TimelineItem) => boolean): TimelineItem | undefined {
    const items = this.items();
    for (let index = items.length - 1; index >= 0; index--) {
      const item = items[index];
      if (item && predicate(item)) return item;
    }
    return undefined;
  }
}
