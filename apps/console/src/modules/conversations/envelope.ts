/** A mailbox as a message's envelope records it. */
export interface EnvelopeAddress {
  name: string | null;
  address: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The mailboxes of one envelope field (`from`, `to`, `cc`), whichever shape
 * the channel stored: one `{ name, address }`, a list of them, or a plain
 * address. Anything else is left out.
 */
export function envelopeAddresses(value: unknown): EnvelopeAddress[] {
  const items: unknown[] = Array.isArray(value) ? value : value == null ? [] : [value];
  return items.flatMap((item): EnvelopeAddress[] => {
    if (typeof item === 'string' && item.trim()) return [{ name: null, address: item.trim() }];
    if (isRecord(item) && typeof item.address === 'string' && item.address)
      return [{ name: typeof item.name === 'string' && item.name.trim() ? item.name.trim() : null, address: item.address }];
    return [];
  });
}
