import { describe, expect, it } from 'vitest';
import type { ChannelMailbox } from '@rapport/contracts';
import { intervalSeconds, mailboxFormValues, mailboxInput, portAfterTlsToggle, splitInterval } from './mailbox-form';

const stored: ChannelMailbox = {
  host: 'imap.example.com',
  port: 143,
  tls: false,
  username: 'support@example.com',
  passwordSet: true,
  folder: 'Support',
  pollIntervalSeconds: 300,
  enabled: false,
  state: 'disabled',
  lastSuccessAt: null,
  lastError: null,
  messagesFetched: 0,
  messagesSkipped: 0,
  uidValidity: null,
  lastUid: 0,
  updatedAt: '2026-11-25T10:00:00.000Z',
};

describe('the IMAP mailbox form', () => {
  it('switches the default port with TLS, but keeps a port the person typed', () => {
    expect(portAfterTlsToggle('993', false)).toBe('143');
    expect(portAfterTlsToggle('143', true)).toBe('993');
    expect(portAfterTlsToggle('', true)).toBe('993');
    expect(portAfterTlsToggle('1143', false)).toBe('1143');
    expect(portAfterTlsToggle('1993', true)).toBe('1993');
  });

  it('shows an interval in minutes when it is whole minutes, and reads it back in seconds', () => {
    expect(splitInterval(300)).toEqual({ value: '5', unit: 'minutes' });
    expect(splitInterval(90)).toEqual({ value: '90', unit: 'seconds' });
    expect(intervalSeconds('5', 'minutes')).toBe(300);
    expect(intervalSeconds('10', 'seconds')).toBe(10);
    expect(intervalSeconds('1440', 'minutes')).toBe(86_400);
    expect(intervalSeconds('9', 'seconds')).toBeNull();
    expect(intervalSeconds('1441', 'minutes')).toBeNull();
    expect(intervalSeconds('1.5', 'minutes')).toBeNull();
    expect(intervalSeconds('', 'minutes')).toBeNull();
  });

  it('starts a new mailbox at IMAPS on 993, INBOX, every minute, enabled', () => {
    expect(mailboxFormValues(null)).toEqual({
      host: '',
      port: '993',
      tls: true,
      username: '',
      password: '',
      folder: 'INBOX',
      interval: '1',
      intervalUnit: 'minutes',
      enabled: true,
    });
  });

  it('fills the form from a stored mailbox without its password, and leaves the password out of the request', () => {
    const values = mailboxFormValues(stored);
    expect(values).toMatchObject({ host: 'imap.example.com', port: '143', tls: false, password: '', interval: '5' });
    expect(mailboxInput(values)).toEqual({
      input: {
        host: 'imap.example.com',
        port: 143,
        tls: false,
        username: 'support@example.com',
        folder: 'Support',
        pollIntervalSeconds: 300,
        enabled: false,
      },
      invalid: [],
    });
    expect(mailboxInput({ ...values, password: 'n3w secret' }).input?.password).toBe('n3w secret');
  });

  it('names the fields the browser can tell are wrong, as the API names them', () => {
    const result = mailboxInput({
      ...mailboxFormValues(null),
      host: 'imap example.com',
      port: '70000',
      username: '  ',
      folder: ' ',
      interval: '5',
      intervalUnit: 'seconds',
    });
    expect(result).toEqual({ input: null, invalid: ['host', 'port', 'username', 'folder', 'pollIntervalSeconds'] });
  });
});
