import { describe, expect, it } from 'vitest';
import { countryTimeZone, emailAddressTimeZone } from './time-zone.js';

describe('time zones', () => {
  it('gives a country its zone only when it has one', () => {
    expect(countryTimeZone('hu')).toBe('Europe/Budapest');
    expect(countryTimeZone('UZ')).toBe('Asia/Tashkent');
    expect(countryTimeZone('US')).toBeUndefined();
  });

  it.each([
    ['kovacs@example.hu', 'Europe/Budapest'],
    ['dilnoza@example.uz', 'Asia/Tashkent'],
    ['ayse@example.com.tr', 'Europe/Istanbul'],
    ['Jane@Example.CO.UK', 'Europe/London'],
    ['anna@example.de', 'Europe/Berlin'],
  ])('reads %s’s country domain as %s', (address, zone) => {
    expect(emailAddressTimeZone(address)).toBe(zone);
  });

  it.each([
    ['generic', 'john@example.com'],
    ['generic', 'team@example.org'],
    ['used worldwide', 'dev@startup.io'],
    ['used worldwide', 'hello@brand.co'],
    ['used worldwide', 'me@show.tv'],
    ['several zones', 'mary@example.us'],
    ['several zones', 'ivan@example.ru'],
    ['not a country', 'eu@example.eu'],
    ['no domain', 'not-an-address'],
  ])('guesses nothing from a %s domain (%s)', (_why, address) => {
    expect(emailAddressTimeZone(address)).toBeUndefined();
  });
});
