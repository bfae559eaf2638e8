import type { ConversationPriority, ConversationStatus, DeliveryStatus } from '@rapport/contracts';

/** Catalog keys of the words the conversation screens share, so each is written once. */
export const statusKey = (status: ConversationStatus) => `conversations.status.${status}` as const;
export const priorityKey = (priority: ConversationPriority) => `conversations.priority.${priority}` as const;
export const deliveryKey = (status: DeliveryStatus) => `conversations.delivery.${status}` as const;

export const priorities: readonly ConversationPriority[] = ['low', 'normal', 'high', 'urgent'];

/** A customer without a name (only an address) still needs something to click. */
export function customerLabel(displayName: string, fallback: string): string {
  return displayName.trim() || fallback;
}
