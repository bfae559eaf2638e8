import { describe, expect, it } from 'vitest';
import { signTelephonyBody, verifyTelephonySignature } from './webhook-signature.js';

describe('telephony webhook signatures', () => {
  const body = Buffer.from('{"externalId":"1"}');
  const now = new Date('2026-03-01T10:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('accepts a fresh signature by any accepted secret, among several v1 values', () => {
    expect(verifyTelephonySignature(signTelephonyBody('s1', body, t), body, ['s1'], now)).toBeNull();
    const two = `${signTelephonyBody('old', body, t)},v1=${signTelephonyBody('new', body, t).split('v1=')[1]!}`;
    expect(verifyTelephonySignature(two, body, ['new'], now)).toBeNull();
    expect(verifyTelephonySignature(signTelephonyBody('s2', body, t - 299), body, ['s1', 's2'], now)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(verifyTelephonySignature(undefined, body, ['s1'], now)).toBe('missing');
    expect(verifyTelephonySignature(`t=${t}`, body, ['s1'], now)).toBe('malformed');
    expect(verifyTelephonySignature('v1=' + 'a'.repeat(64), body, ['s1'], now)).toBe('malformed');
    expect(verifyTelephonySignature(signTelephonyBody('s1', body, t - 301), body, ['s1'], now)).toBe('expired');
    expect(verifyTelephonySignature(signTelephonyBody('s1', body, t + 301), body, ['s1'], now)).toBe('expired');
    expect(verifyTelephonySignature(signTelephonyBody('s9', body, t), body, ['s1'], now)).toBe('mismatch');
    expect(verifyTelephonySignature(signTelephonyBody('s1', 'other', t), body, ['s1'], now)).toBe('mismatch');
  });
});
