import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import hu from './hu.json';
import tr from './tr.json';
import uz from './uz.json';
import de from './de.json';

const catalogs = { en, hu, tr, uz, de };
const sourceRoot = join(import.meta.dirname, '..');

function flatten(node: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) flatten(value, path, out);
    else out[path] = String(value);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(en);

// Texts every language writes as English does: names of products and encodings, a key's label, bare placeholders.
const sharedWithEnglish = ['Rapport', 'WhatsApp', 'Telegram', 'Ctrl', 'Unicode (UTF-8)'];
// Words a language really spells as English does; any other text equal to the English one was left untranslated.
const translatedAlike: Record<Exclude<keyof typeof catalogs, 'en'>, string[]> = {
  hu: ['Port'],
  tr: [],
  uz: ['Port', 'Import', 'API token'],
  de: [
    'Port',
    'Import',
    'optional',
    'Admin',
    'Name',
    'Status',
    'System',
    'Tag',
    'Tags',
    'Team',
    'Teams',
    'Team: {{team}}.',
    'Tokens',
  ],
};

describe('message catalogs', () => {
  it.each(Object.entries(catalogs))('%s has exactly the English keys', (_, catalog) => {
    expect(Object.keys(flatten(catalog)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(Object.entries(catalogs))('%s uses the same {{variables}} as English', (locale, catalog) => {
    const texts = flatten(catalog);
    for (const [key, text] of Object.entries(english)) {
      // A translation may leave out a variable the grammar does not need (e.g. a day name).
      for (const variable of variables(texts[key] ?? '')) expect(variables(text), `${locale}: ${key}`).toContain(variable);
    }
  });

  it.each(Object.entries(translatedAlike))('%s leaves no English text untranslated', (locale, alike) => {
    const texts = flatten(catalogs[locale as keyof typeof catalogs]);
    const untranslated = Object.entries(english)
      .filter(([key, text]) => texts[key] === text && /\p{L}/u.test(text.replace(/\{\{\s*\w+\s*\}\}/g, '')))
      .filter(([, text]) => !sharedWithEnglish.includes(text) && !alike.includes(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(untranslated).toEqual([]);
  });

  it('writes Uzbek with the modifier letters oʻ, gʻ and ʼ, not ASCII apostrophes', () => {
    const texts = Object.values(flatten(uz)).join('\n');
    expect(texts).not.toMatch(/['‘’`]/);
    expect(texts).toContain('oʻ');
  });

  it('has every key used literally in the source', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(sourceRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?<![\w.])t\(\s*'([\w.]+)'/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !(key in english) && !(`${key}_one` in english && `${key}_other` in english));
    expect(missing).toEqual([]);
  });

  it('gives every counted message both plural forms', () => {
    for (const catalog of Object.values(catalogs)) {
      const keys = Object.keys(flatten(catalog));
      for (const key of keys.filter((item) => item.endsWith('_one'))) expect(keys).toContain(key.replace(/_one$/, '_other'));
    }
  });
});
