import { describe, expect, it } from 'vitest';
import { canReceiveEvent, isAllowedOrigin, matchesSubscription } from './realtime.policy.js';

describe('isAllowedOrigin', () => {
  const own = { publicUrl: 'https://help.example.com', protocol: 'http', host: '127.0.0.1:3000' };

  it('accepts the public URL’s origin and the origin of the host the request was sent to', () => {
    expect(isAllowedOrigin('https://help.example.com', own)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:3000', own)).toBe(true);
    expect(isAllowedOrigin('http://localhost', { ...own, host: 'LOCALHOST:80' })).toBe(true);
  });

  it('refuses other sites, other schemes or ports, a missing or malformed Origin', () => {
    expect(isAllowedOrigin('https://evil.example', own)).toBe(false);
    expect(isAllowedOrigin('https://help.example.com.evil.example', own)).toBe(false);
    expect(isAllowedOrigin('http://help.example.com', own)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:3000', own)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:3001', own)).toBe(false);
    expect(isAllowedOrigin('null', own)).toBe(false);
    expect(isAllowedOrigin(undefined, own)).toBe(false);
    expect(isAllowedOrigin('', own)).toBe(false);
  });
});

describe('canReceiveEvent', () => {
  it('gives managers every event and agents everything but the audit-only families', () => {
    for (const name of ['member.removed', 'api_token.created', 'invite.created', 'conversation.created']) {
      expect(canReceiveEvent('owner', name)).toBe(true);
      expect(canReceiveEvent('admin', name)).toBe(true);
    }
    expect(canReceiveEvent('agent', 'member.removed')).toBe(false);
    expect(canReceiveEvent('agent', 'api_token.created')).toBe(false);
    expect(canReceiveEvent('agent', 'customer_view.created')).toBe(false);
    expect(canReceiveEvent('agent', 'conversation.assigned')).toBe(true);
    expect(canReceiveEvent('agent', 'customer.updated')).toBe(true);
  });
});

describe('matchesSubscription', () => {
  it('matches by name prefix; null is every event', () => {
    expect(matchesSubscription(null, 'note.created')).toBe(true);
    expect(matchesSubscription(['conversation.', 'message.received'], 'conversation.assigned')).toBe(true);
    expect(matchesSubscription(['conversation.', 'message.received'], 'message.received')).toBe(true);
    expect(matchesSubscription(['conversation.', 'message.received'], 'message.sent')).toBe(false);
  });
});
