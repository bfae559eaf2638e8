import { describe, expect, it } from 'vitest';
import { readAppMessage, readHostMessage, tag } from './bridge';

const frame = { name: 'the iframe window' };
const parent = { name: 'the host window' };
const appOrigin = 'https://rapport.example.com';
const hostOrigin = 'https://shop.example.com';

describe("readAppMessage (the loader's check)", () => {
  const resize = tag({ type: 'resize', open: true, position: 'left' } as const);

  it("accepts a known message from the app's frame and origin", () => {
    expect(readAppMessage({ origin: appOrigin, source: frame, data: resize }, appOrigin, frame)).toEqual({
      type: 'resize',
      open: true,
      position: 'left',
    });
  });

  it('refuses another origin, another window, or a window not yet there', () => {
    expect(readAppMessage({ origin: 'https://evil.example', source: frame, data: resize }, appOrigin, frame)).toBeNull();
    expect(readAppMessage({ origin: appOrigin, source: { other: true }, data: resize }, appOrigin, frame)).toBeNull();
    expect(readAppMessage({ origin: appOrigin, source: null, data: resize }, appOrigin, null)).toBeNull();
  });

  it('refuses untagged or malformed data', () => {
    const check = (data: unknown) => readAppMessage({ origin: appOrigin, source: frame, data }, appOrigin, frame);
    expect(check({ type: 'resize', open: true, position: 'left' })).toBeNull();
    expect(check(tag({ type: 'resize', open: true, position: 'left' } as const) && { ...resize, position: 'top' })).toBeNull();
    expect(check({ ...resize, open: 'yes' })).toBeNull();
    expect(check({ tag: 'rapport-widget', type: 'steal' })).toBeNull();
    expect(check('ready')).toBeNull();
  });
});

describe("readHostMessage (the app's check)", () => {
  const init = tag({
    type: 'init',
    identity: null,
    language: 'tr',
    page: { url: 'https://shop.example.com/cart', title: 'Cart' },
  } as const);

  it('accepts init from the parent at the host origin', () => {
    expect(readHostMessage({ origin: hostOrigin, source: parent, data: init }, hostOrigin, parent)).toMatchObject({
      type: 'init',
      language: 'tr',
    });
  });

  it('refuses messages from other origins or windows, and bad shapes', () => {
    expect(readHostMessage({ origin: 'https://evil.example', source: parent, data: init }, hostOrigin, parent)).toBeNull();
    expect(readHostMessage({ origin: hostOrigin, source: frame, data: init }, hostOrigin, parent)).toBeNull();
    const badIdentity = { ...init, identity: { email: 'x@example.com' } };
    expect(readHostMessage({ origin: hostOrigin, source: parent, data: badIdentity }, hostOrigin, parent)).toBeNull();
    const badPage = tag({ type: 'page', page: { url: 42 } } as never);
    expect(readHostMessage({ origin: hostOrigin, source: parent, data: badPage }, hostOrigin, parent)).toBeNull();
  });
});
