import { describe, expect, it } from 'vitest';
import { resolveHostOrigin } from './host-origin';

describe('resolveHostOrigin', () => {
  it('prefers the origin the browser reports over the URL parameter', () => {
    expect(resolveHostOrigin('https://victim.example', 'https://framer.example')).toBe('https://framer.example');
  });

  it('accepts only a bare http(s) origin', () => {
    expect(resolveHostOrigin('https://shop.example.com', undefined)).toBe('https://shop.example.com');
    expect(resolveHostOrigin('http://localhost:8080', undefined)).toBe('http://localhost:8080');
    expect(resolveHostOrigin('https://shop.example.com/path', undefined)).toBeNull();
    expect(resolveHostOrigin('javascript:alert(1)', undefined)).toBeNull();
    expect(resolveHostOrigin('null', undefined)).toBeNull();
    expect(resolveHostOrigin(null, undefined)).toBeNull();
  });
});
