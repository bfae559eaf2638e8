import { describe, expect, it } from 'vitest';
import { safeReturnPath, tokenFromHash } from './links';

describe('tokenFromHash', () => {
  it('reads the token from a link fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('token=abc%2B1')).toBe('abc+1');
    expect(tokenFromHash('#other=1&token=xyz')).toBe('xyz');
  });

  it('is undefined when there is no token', () => {
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash('#token=')).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it('keeps console paths and refuses other sites', () => {
    expect(safeReturnPath('/settings/agents')).toBe('/settings/agents');
    expect(safeReturnPath('//evil.example/')).toBe('/inbox');
    expect(safeReturnPath('https://evil.example/')).toBe('/inbox');
    expect(safeReturnPath(undefined)).toBe('/inbox');
    expect(safeReturnPath('/sign-in')).toBe('/inbox');
  });
});
