import { describe, expect, it } from 'vitest';
import { splitFields, viewTimelineEntry } from './timeline-entries';

describe('viewTimelineEntry', () => {
  it('reads messages and calls of the conversations and calls modules', () => {
    expect(
      viewTimelineEntry({
        kind: 'message',
        type: 'message.inbound',
        data: { conversationNumber: 1042, subject: 'Számla', excerpt: 'Jó napot!' },
      }),
    ).toEqual({ type: 'message', direction: 'inbound', conversationNumber: 1042, text: 'Jó napot!' });
    expect(
      viewTimelineEntry({
        kind: 'call',
        type: 'call.outbound',
        data: { phoneNumber: '+998901234567', durationSeconds: 252, outcome: 'answered', text: 'Ertaga qo‘ng‘iroq' },
      }),
    ).toEqual({
      type: 'call',
      direction: 'outbound',
      phoneNumber: '+998901234567',
      durationSeconds: 252,
      outcome: 'answered',
      text: 'Ertaga qo‘ng‘iroq',
    });
    expect(viewTimelineEntry({ kind: 'call', type: 'call.inbound', data: {} })).toMatchObject({
      type: 'call',
      durationSeconds: null,
      outcome: undefined,
    });
  });

  it('reads the customers module’s own entries', () => {
    expect(viewTimelineEntry({ kind: 'note', type: 'note', data: { body: 'Called back', edited: true } })).toEqual({
      type: 'note',
      text: 'Called back',
      isEdited: true,
    });
    expect(
      viewTimelineEntry({
        kind: 'fact',
        type: 'fact',
        data: { text: 'Daughter’s wedding', date: '2027-06-12', recursYearly: false },
      }),
    ).toEqual({ type: 'fact', text: 'Daughter’s wedding', date: '2027-06-12', recursYearly: false });
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.created', data: { fields: ['givenName'] } })).toEqual({
      type: 'created',
    });
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.updated', data: { fields: ['title', 7, 'tags'] } })).toEqual({
      type: 'updated',
      fields: ['title', 'tags'],
    });
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.merged', data: { mergedId: 'x' } })).toEqual({ type: 'merged' });
    expect(
      viewTimelineEntry({ kind: 'import', type: 'customer.imported', data: { outcome: 'created', fileName: 'ügyfelek.csv' } }),
    ).toEqual({ type: 'imported', outcome: 'created', fileName: 'ügyfelek.csv' });
    // An import removed after 30 days leaves its entry without the file's name.
    expect(
      viewTimelineEntry({ kind: 'import', type: 'customer.imported', data: { outcome: 'updated', fileName: null } }),
    ).toEqual({ type: 'imported', outcome: 'updated', fileName: undefined });
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.identity_removed', data: { kind: 'phone' } })).toEqual({
      type: 'identity_removed',
      identityKind: 'phone',
    });
  });

  it('shows types it does not know generically, with a text when the data has one', () => {
    expect(viewTimelineEntry({ kind: 'order', type: 'order.paid', data: { summary: 'Order #1042', total: 12 } })).toEqual({
      type: 'other',
      kind: 'order',
      rawType: 'order.paid',
      text: 'Order #1042',
    });
    expect(viewTimelineEntry({ kind: 'telepathy', type: 'thought.sent', data: {} })).toEqual({
      type: 'other',
      kind: undefined,
      rawType: 'thought.sent',
      text: undefined,
    });
  });

  it('copes with data of the wrong shape', () => {
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.updated', data: { fields: 'title' } })).toEqual({
      type: 'updated',
      fields: [],
    });
    expect(viewTimelineEntry({ kind: 'profile', type: 'customer.identity_added', data: { kind: 'fax' } })).toEqual({
      type: 'identity_added',
      identityKind: undefined,
    });
  });
});

describe('splitFields', () => {
  it('separates fields with a name from the rest', () => {
    expect(splitFields(['title', 'loyaltyTier', 'tags'])).toEqual({ named: ['title', 'tags'], otherCount: 1 });
  });
});
