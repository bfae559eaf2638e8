import { beforeEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { loadTexts } from '../testing/texts';
import { TimeZoneSelect } from './selects';
import { timeZoneArea, timeZoneOptionGroups } from './time-zone-options';

// Rendered to HTML on the server side of React: the options a browser would get, without a DOM.

const noop = () => undefined;
const winter = new Date('2026-11-24T12:00:00Z');

/** The optgroup labels, in order. */
const groupLabels = (html: string) => [...html.matchAll(/<optgroup label="([^"]*)">/g)].map((match) => match[1]);
/** The option labels of one group, in order. */
function optionsIn(html: string, group: string): string[] {
  const start = html.indexOf(`<optgroup label="${group}">`);
  const body = html.slice(start, html.indexOf('</optgroup>', start));
  return [...body.matchAll(/<option [^>]*>([^<]*)<\/option>/g)].map((match) => match[1] ?? '');
}

describe('TimeZoneSelect', () => {
  beforeEach(() => loadTexts('hu'));

  it('groups the zones by area, named in the UI language, with “automatic” first and outside the groups', () => {
    const html = renderToStaticMarkup(<TimeZoneSelect id="zone" value="" onChange={noop} emptyLabel="Automatikus" />);
    expect(html).toMatch(/^<select id="zone" class="select"><option value="" selected="">Automatikus<\/option><optgroup /);
    expect(groupLabels(html)).toEqual([
      'Európa',
      'Ázsia',
      'Afrika',
      'Amerika',
      'Ausztrália',
      'Csendes-óceán',
      'Atlanti-óceán',
      'Indiai-óceán',
      'Antarktisz',
      'Északi-sarkvidék',
      'Egyéb',
    ]);
    const other = optionsIn(html, 'Egyéb');
    expect(other).toHaveLength(1);
    expect(other[0]).toMatch(/^UTC \(GMT(\+00:00)?\)$/);
  });

  it('labels each zone by its city in the UI language and its offset; the value stays the IANA id', () => {
    const html = renderToStaticMarkup(<TimeZoneSelect id="zone" value="Asia/Tashkent" onChange={noop} />);
    expect(html).toContain('<option value="Asia/Tashkent" selected="">Taskent (GMT+05:00)</option>');
    expect(html).toContain('<option value="Asia/Calcutta">Kalkutta (GMT+05:30)</option>');
    expect(html).not.toContain('>Asia/');
    // Sorted as Hungarian sorts: é with e, so "Bécs" before "Belgrád".
    const europe = optionsIn(html, 'Európa').map((label) => label.replace(/ \(GMT.*\)$/, ''));
    expect(europe.indexOf('Bécs')).toBeGreaterThan(-1);
    expect(europe.indexOf('Bécs')).toBeLessThan(europe.indexOf('Belgrád'));
    expect(europe.indexOf('Belgrád')).toBeLessThan(europe.indexOf('Berlin'));
  });

  it('keeps a saved zone the browser does not list selectable, told apart from the one it does', () => {
    const html = renderToStaticMarkup(<TimeZoneSelect id="zone" value="Europe/Kyiv" onChange={noop} />);
    expect(html).toMatch(/<option value="Europe\/Kyiv" selected="">Kijev – Europe\/Kyiv \(GMT\+0\d:00\)<\/option>/);
    expect(html).toMatch(/<option value="Europe\/Kiev">Kijev – Europe\/Kiev \(GMT\+0\d:00\)<\/option>/);
  });

  it('names the groups in the language switched to', async () => {
    await loadTexts('uz');
    const html = renderToStaticMarkup(<TimeZoneSelect id="zone" value="Asia/Tashkent" onChange={noop} />);
    expect(groupLabels(html).slice(0, 2)).toEqual(['Yevropa', 'Osiyo']);
    expect(html).toContain('<option value="Asia/Tashkent" selected="">Toshkent (GMT+05:00)</option>');
  });
});

describe('timeZoneOptionGroups', () => {
  it('puts each id in its area, and UTC, Etc/ and legacy ids under “other”', () => {
    expect(timeZoneArea('America/Indiana/Knox')).toBe('america');
    expect(timeZoneArea('Indian/Maldives')).toBe('indian');
    expect(timeZoneArea('UTC')).toBe('other');
    expect(timeZoneArea('Etc/GMT+5')).toBe('other');
    expect(timeZoneArea('US/Eastern')).toBe('other');
  });

  it('tells apart zones of one name by the middle of the id', () => {
    const [america] = timeZoneOptionGroups(['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'], 'en', winter);
    expect(america).toEqual({
      area: 'america',
      options: [
        { zone: 'America/Buenos_Aires', label: 'Buenos Aires (GMT-03:00)' },
        { zone: 'America/Argentina/Buenos_Aires', label: 'Buenos Aires, Argentina (GMT-03:00)' },
      ],
    });
  });

  it('sorts by the name in the UI language, not by id', () => {
    const zones = ['Europe/Vienna', 'Europe/Berlin', 'Europe/Athens', 'Asia/Tashkent', 'Etc/GMT+5'];
    expect(timeZoneOptionGroups(zones, 'de', winter)).toEqual([
      {
        area: 'europe',
        options: [
          { zone: 'Europe/Athens', label: 'Athen (GMT+02:00)' },
          { zone: 'Europe/Berlin', label: 'Berlin (GMT+01:00)' },
          { zone: 'Europe/Vienna', label: 'Wien (GMT+01:00)' },
        ],
      },
      { area: 'asia', options: [{ zone: 'Asia/Tashkent', label: 'Taschkent (GMT+05:00)' }] },
      { area: 'other', options: [{ zone: 'Etc/GMT+5', label: 'UTC−5 (GMT-05:00)' }] },
    ]);
  });
});
