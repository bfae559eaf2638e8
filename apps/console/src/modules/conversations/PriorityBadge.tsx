import type { ConversationPriority } from '@rapport/contracts';

/** A conversation's priority as a coloured badge; the word carries the meaning, the colour only repeats it. */
export function PriorityBadge({ priority, label }: { priority: ConversationPriority; label: string }) {
  return <span className={`badge priority priority--${priority}`}>{label}</span>;
}
