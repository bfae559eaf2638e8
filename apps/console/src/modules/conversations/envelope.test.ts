import { describe, expect, it } from 'vitest';
import { envelopeAddresses } from './envelope';

describe('envelope addresses', () => {
  it('reads one mailbox, a list, or a plain address', () => {
    expect(envelopeAddresses({ name: 'Ádám Kovács', address: 'adam@example.hu' })).toEqual([
      { name: 'Ádám Kovács', address: 'adam@example.hu' },
    ]);
    expect(envelopeAddresses([{ address: 'a@example.com', name: null }, 'b@example.com'])).toEqual([
      { name: null, address: 'a@example.com' },
      { name: null, address: 'b@example.com' },
    ]);
  });

  it('leaves out what is not a mailbox', () => {
    expect(envelopeAddresses(null)).toEqual([]);
    expect(envelopeAddresses(undefined)).toEqual([]);
    expect(envelopeAddresses([42, { name: 'No address' }, ''])).toEqual([]);
  });
});
