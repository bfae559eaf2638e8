import { describe, expect, it } from 'vitest';
import { appUrl } from './app-url';
import { closedFrameSize, frameStyle } from './frame-layout';

describe('appUrl', () => {
  it('points at /widget/app/index.html next to the script, with key, language and origin', () => {
    const url = appUrl('https://rapport.example.com/widget.js?v=2', {
      key: 'abc',
      language: 'tr',
      origin: 'https://shop.example.com',
    });
    expect(url.href).toBe(
      'https://rapport.example.com/widget/app/index.html?key=abc&lang=tr&origin=https%3A%2F%2Fshop.example.com',
    );
  });

  it('keeps a sub-path and leaves the language out when none is forced', () => {
    const url = appUrl('https://example.com/rapport/widget.js', { key: 'k', language: null, origin: 'https://a.test' });
    expect(url.pathname).toBe('/rapport/widget/app/index.html');
    expect(url.searchParams.has('lang')).toBe(false);
  });
});

describe('frameStyle', () => {
  const desktop = { width: 1280, height: 800 };

  it('is launcher-sized in the corner when closed', () => {
    expect(frameStyle({ open: false, position: 'right' }, desktop)).toMatchObject({
      right: '0px',
      left: 'auto',
      bottom: '0px',
      width: `${closedFrameSize}px`,
      height: `${closedFrameSize}px`,
    });
  });

  it('is a 380 × 600 panel when open, on the chosen side, shrunk to short windows', () => {
    expect(frameStyle({ open: true, position: 'left' }, desktop)).toMatchObject({
      left: '12px',
      right: 'auto',
      width: '380px',
      height: '600px',
    });
    expect(frameStyle({ open: true, position: 'right' }, { width: 1280, height: 500 })).toMatchObject({ height: '476px' });
  });

  it('fills the screen on phones', () => {
    expect(frameStyle({ open: true, position: 'right' }, { width: 390, height: 844 })).toMatchObject({
      top: '0',
      bottom: '0',
      width: '100%',
      height: '100%',
    });
  });
});
