import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zoneCityAliases, zoneCityLocales, zoneCityNames } from './zone-cities';

const script = fileURLToPath(new URL('../../../../scripts/generate-zone-cities.mjs', import.meta.url));
const table = fileURLToPath(new URL('./zone-cities.ts', import.meta.url));

describe('the exemplar-city table', () => {
  it('is what scripts/generate-zone-cities.mjs makes from the installed CLDR packages', () => {
    const generated = execFileSync(process.execPath, [script, '--stdout'], { encoding: 'utf8' });
    expect(readFileSync(table, 'utf8')).toBe(generated);
  });

  it('holds a name per console language for each zone, and only names that differ from the id’s', () => {
    expect(zoneCityLocales).toEqual(['en', 'hu', 'tr', 'uz', 'de']);
    for (const [zone, names] of Object.entries(zoneCityNames)) {
      const parts = names.split('|');
      expect(parts, zone).toHaveLength(zoneCityLocales.length);
      const fromId = (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
      expect(parts, zone).not.toContain(fromId);
    }
    for (const [alias, zone] of Object.entries(zoneCityAliases)) expect(alias, zone).not.toBe(zone);
  });

  it('writes Uzbek apostrophes as the console does: ʻ and ʼ, never CLDR’s ‘ and ’', () => {
    const uzbek = zoneCityLocales.indexOf('uz');
    const names = Object.values(zoneCityNames).map((entry) => entry.split('|')[uzbek] ?? '');
    expect(names).toContain('Bagʻdod');
    for (const name of names) expect(name).not.toMatch(/['‘’`]/);
  });
});
