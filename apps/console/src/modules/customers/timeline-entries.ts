import type { TimelineEntry } from '@rapport/contracts';

/** Profile fields with a translated name (`customers.fields.<name>`), as `customer.updated` lists them. */
export const namedFields: readonly string[] = [
  'givenName',
  'familyName',
  'middleName',
  'nameOrder',
  'title',
  'formality',
  'language',
  'country',
  'timeZone',
  'company',
  'tags',
  'attributes',
  'marketingConsent',
];

/**
 * Kinds of entry other modules will add, with a translated name
 * (`customers.timeline.kinds.<kind>`); any other kind is "Activity".
 */
export const namedKinds: readonly string[] = ['message', 'conversation', 'call', 'order', 'survey', 'points', 'promise'];

const identityKindNames = ['email', 'phone', 'chat', 'telegram', 'whatsapp', 'social'];

/** What one timeline entry shows, before translation. */
export type TimelineView =
  | { type: 'note'; text: string; isEdited: boolean }
  | { type: 'fact'; text: string; date: string | null; recursYearly: boolean }
  | { type: 'created' }
  /** Another record of the same person was merged into this one. */
  | { type: 'merged' }
  /** A CSV import created or updated the customer; the file's name while the import is kept. */
  | { type: 'imported'; outcome: 'created' | 'updated'; fileName: string | undefined }
  | { type: 'updated'; fields: string[] }
  | { type: 'identity_added' | 'identity_removed'; identityKind: string | undefined }
  /** A message of a conversation: from the customer, to them, or an internal note. */
  | { type: 'message'; direction: 'inbound' | 'outbound' | 'note'; conversationNumber: number | null; text: string | undefined }
  /** A phone call, with what is known of it so far. */
  | {
      type: 'call';
      direction: 'inbound' | 'outbound';
      phoneNumber: string | undefined;
      durationSeconds: number | null;
      outcome: string | undefined;
      text: string | undefined;
    }
  /** Anything else (orders, surveys… from later modules): its kind, raw type and a text if it has one. */
  | { type: 'other'; kind: string | undefined; rawType: string; text: string | undefined };

function text(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** Reads an entry's type and data into what the timeline renders; unknown types come out generic. */
export function viewTimelineEntry(entry: Pick<TimelineEntry, 'kind' | 'type' | 'data'>): TimelineView {
  const { data } = entry;
  switch (entry.type) {
    case 'note':
      return { type: 'note', text: text(data, 'body') ?? '', isEdited: data.edited === true };
    case 'fact':
      return {
        type: 'fact',
        text: text(data, 'text') ?? '',
        date: text(data, 'date') ?? null,
        recursYearly: data.recursYearly === true,
      };
    case 'customer.created':
      return { type: 'created' };
    case 'customer.merged':
      return { type: 'merged' };
    case 'customer.imported':
      return {
        type: 'imported',
        outcome: data.outcome === 'created' ? 'created' : 'updated',
        fileName: text(data, 'fileName'),
      };
    case 'customer.updated': {
      const fields = Array.isArray(data.fields) ? data.fields.filter((field): field is string => typeof field === 'string') : [];
      return { type: 'updated', fields };
    }
    case 'customer.identity_added':
    case 'customer.identity_removed': {
      const kind = text(data, 'kind');
      return {
        type: entry.type === 'customer.identity_added' ? 'identity_added' : 'identity_removed',
        identityKind: kind && identityKindNames.includes(kind) ? kind : undefined,
      };
    }
    case 'message.inbound':
    case 'message.outbound':
    case 'message.note':
      return {
        type: 'message',
        direction: entry.type.slice('message.'.length) as 'inbound' | 'outbound' | 'note',
        conversationNumber: typeof data.conversationNumber === 'number' ? data.conversationNumber : null,
        text: text(data, 'excerpt'),
      };
    case 'call.inbound':
    case 'call.outbound':
      return {
        type: 'call',
        direction: entry.type === 'call.inbound' ? 'inbound' : 'outbound',
        phoneNumber: text(data, 'phoneNumber'),
        durationSeconds: typeof data.durationSeconds === 'number' ? data.durationSeconds : null,
        outcome: text(data, 'outcome'),
        text: text(data, 'text'),
      };
    default:
      return {
        type: 'other',
        kind: namedKinds.includes(entry.kind) ? entry.kind : undefined,
        rawType: entry.type,
        text: text(data, 'summary') ?? text(data, 'subject') ?? text(data, 'title') ?? text(data, 'text') ?? text(data, 'body'),
      };
  }
}

/** The changed fields that have a translated name, and how many others changed. */
export function splitFields(fields: readonly string[]): { named: string[]; otherCount: number } {
  const named = fields.filter((field) => namedFields.includes(field));
  return { named, otherCount: fields.length - named.length };
}
