import { describe, expect, it } from 'vitest';
import type { RealtimeSignal } from '@rapport/contracts';
import { customerTypingOf, pageLabel, safePageUrl, visitorLocalTime, visitorPageOf } from './chat-visitor';

const winter = new Date('2026-11-24T12:00:00Z');

describe('visitorLocalTime', () => {
  it('tells the time in the visitor’s zone, with the zone’s city and name in the UI language', () => {
    expect(visitorLocalTime('America/New_York', 'en', winter)).toEqual({
      time: 'Tue 07:00 AM',
      zone: 'New York',
      zoneName: 'Eastern Standard Time',
    });
    const budapest = visitorLocalTime('Europe/Budapest', 'de', winter);
    expect(budapest?.time).toBe('Di., 13:00');
    expect(budapest?.zoneName).toBe('Mitteleuropäische Normalzeit');
    expect(visitorLocalTime('Asia/Tashkent', 'hu', winter)?.time).toContain('17:00');
    expect(visitorLocalTime('Asia/Tashkent', 'hu', winter)?.zone).toBe('Taskent');
  });

  it('is null without a zone, or for one that is not a zone', () => {
    expect(visitorLocalTime(null, 'en', winter)).toBeNull();
    expect(visitorLocalTime('Not/A_Zone', 'en', winter)).toBeNull();
  });
});

describe('the visitor’s page', () => {
  it('links only web addresses', () => {
    expect(safePageUrl('https://shop.example.com/cart?x=1')).toBe('https://shop.example.com/cart?x=1');
    expect(safePageUrl('http://localhost:8080/')).toBe('http://localhost:8080/');
    expect(safePageUrl('javascript:alert(1)')).toBeNull();
    expect(safePageUrl('data:text/html,hi')).toBeNull();
    expect(safePageUrl('not a url')).toBeNull();
    expect(safePageUrl(null)).toBeNull();
  });

  it('is called by its title, or by its address without the scheme', () => {
    expect(pageLabel('  Checkout – Shop ', 'https://shop.example.com/checkout')).toBe('Checkout – Shop');
    expect(pageLabel('', 'https://shop.example.com/checkout')).toBe('shop.example.com/checkout');
    expect(pageLabel(null, null)).toBe('');
  });
});

describe('signals', () => {
  const typing = (by: 'customer' | 'agent', conversationId = 'c1', value = true): RealtimeSignal => ({
    kind: 'typing',
    conversationId,
    by,
    userId: by === 'agent' ? 'u1' : null,
    typing: value,
  });

  it('hears the customer’s typing in this conversation only', () => {
    expect(customerTypingOf(typing('customer'), 'c1')).toBe(true);
    expect(customerTypingOf(typing('customer', 'c1', false), 'c1')).toBe(false);
    expect(customerTypingOf(typing('customer', 'c2'), 'c1')).toBeNull();
    expect(customerTypingOf(typing('agent'), 'c1')).toBeNull();
  });

  it('hears the visitor’s page in this conversation only', () => {
    const page: RealtimeSignal = { kind: 'page', conversationId: 'c1', url: 'https://a.example/x', title: 'X' };
    expect(visitorPageOf(page, 'c1')).toEqual({ url: 'https://a.example/x', title: 'X' });
    expect(visitorPageOf(page, 'c2')).toBeNull();
    expect(visitorPageOf(typing('customer'), 'c1')).toBeNull();
  });
});
