import { describe, expect, it } from 'vitest';
import type { TelephonyWebhook } from '@rapport/contracts';
import { previousSecretUntil, webhookAddress } from './telephony-webhook';

describe('the telephony webhook panel’s helpers', () => {
  it('puts the server’s path under the console’s address, keeping a sub-path out', () => {
    expect(webhookAddress('/api/v1/telephony/tk_abc/calls', 'https://rapport.example.com')).toBe(
      'https://rapport.example.com/api/v1/telephony/tk_abc/calls',
    );
    expect(webhookAddress('/api/v1/telephony/tk_abc/calls', 'http://127.0.0.1:3000')).toBe(
      'http://127.0.0.1:3000/api/v1/telephony/tk_abc/calls',
    );
  });

  it('tells until when the previous secret works, only while it still does', () => {
    const webhook = { previousSecretExpiresAt: '2026-12-08T10:00:00.000Z' } as TelephonyWebhook;
    expect(previousSecretUntil(webhook, new Date('2026-12-07T10:00:00Z'))).toBe('2026-12-08T10:00:00.000Z');
    expect(previousSecretUntil(webhook, new Date('2026-12-08T10:00:01Z'))).toBeNull();
    expect(previousSecretUntil({ ...webhook, previousSecretExpiresAt: null }, new Date())).toBeNull();
  });
});
