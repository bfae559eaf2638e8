import { describe, expect, it } from 'vitest';
import type { Message } from '@rapport/contracts';
import { seenReplyId, unreadInboundId } from './read-receipts';

function message(id: string, direction: Message['direction']): Message {
  return {
    id,
    conversationId: 'c1',
    direction,
    authorUserId: direction === 'inbound' ? null : 'u1',
    bodyText: id,
    replyText: id,
    quotedText: null,
    hasHtml: false,
    hasRemoteImages: false,
    hasQuotedHistory: false,
    envelope: {},
    mentions: [],
    deliveryStatus: direction === 'inbound' ? 'received' : direction === 'note' ? 'none' : 'sent',
    deliveryError: null,
    attachments: [],
    createdAt: '2026-11-25T12:00:00.000Z',
  };
}

const thread = [
  message('m1', 'inbound'),
  message('m2', 'outbound'),
  message('m3', 'note'),
  message('m4', 'outbound'),
  message('m5', 'inbound'),
  message('m6', 'outbound'),
];

describe('seenReplyId', () => {
  it('marks the team’s latest reply at or before the customer’s read receipt', () => {
    expect(seenReplyId(thread, 'm4')).toBe('m4');
    expect(seenReplyId(thread, 'm6')).toBe('m6');
    // A receipt naming another message still covers the replies before it.
    expect(seenReplyId(thread, 'm5')).toBe('m4');
    expect(seenReplyId(thread, 'm3')).toBe('m2');
  });

  it('marks nothing without a receipt, before any reply, or for a message not shown', () => {
    expect(seenReplyId(thread, null)).toBeNull();
    expect(seenReplyId(thread, 'm1')).toBeNull();
    expect(seenReplyId(thread, 'elsewhere')).toBeNull();
  });
});

describe('unreadInboundId', () => {
  it('names the customer’s latest message when the team has not read up to it', () => {
    expect(unreadInboundId(thread, null)).toBe('m5');
    expect(unreadInboundId(thread, 'm1')).toBe('m5');
    expect(unreadInboundId(thread, 'm4')).toBe('m5');
  });

  it('is null when read up to it or later, or when the customer wrote nothing', () => {
    expect(unreadInboundId(thread, 'm5')).toBeNull();
    expect(unreadInboundId(thread, 'm6')).toBeNull();
    expect(unreadInboundId([message('m2', 'outbound')], null)).toBeNull();
    expect(unreadInboundId([], null)).toBeNull();
  });
});
