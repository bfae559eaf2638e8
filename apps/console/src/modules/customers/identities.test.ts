import { describe, expect, it } from 'vitest';
import { displayIdentity, emailParts, identityHref } from './identities';

describe('identityHref', () => {
  it('links emails and every phone number', () => {
    expect(identityHref('email', 'adam@example.hu')).toBe('mailto:adam@example.hu');
    expect(identityHref('phone', '+36301234567')).toBe('tel:+36301234567');
    expect(identityHref('whatsapp', '+905321234567')).toBe('tel:+905321234567');
  });

  it('links Telegram user names, not numeric ids, and nothing for chat or social', () => {
    expect(identityHref('telegram', '@sukru_oz')).toBe('https://t.me/sukru_oz');
    expect(identityHref('telegram', '123456789')).toBeUndefined();
    expect(identityHref('chat', 'visitor-1')).toBeUndefined();
    expect(identityHref('social', '@adam')).toBeUndefined();
  });
});

describe('displayIdentity', () => {
  it('groups phone numbers for reading', () => {
    expect(displayIdentity('phone', '+36301234567')).toBe('+36 30 123 4567');
    expect(displayIdentity('email', 'adam@example.hu')).toBe('adam@example.hu');
  });
});

describe('emailParts', () => {
  it('splits before the @', () => {
    expect(emailParts('adam.kovacs@example.hu')).toEqual(['adam.kovacs', '@example.hu']);
    expect(emailParts('no-at-sign')).toEqual(['no-at-sign', '']);
  });
});
