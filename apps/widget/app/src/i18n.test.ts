import { describe, expect, it } from 'vitest';
import { allCatalogs, chooseLanguage, createTranslator, widgetLanguages } from './i18n';

function leaves(node: unknown, prefix = ''): Record<string, string> {
  if (typeof node === 'string') return { [prefix]: node };
  return Object.entries(node as Record<string, unknown>).reduce<Record<string, string>>(
    (found, [key, value]) => ({ ...found, ...leaves(value, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

describe('chooseLanguage', () => {
  it('takes the host override when it is one of ours', () => {
    expect(chooseLanguage('tr', ['de-DE'])).toBe('tr');
    expect(chooseLanguage('uz-Latn', [])).toBe('uz');
  });

  it('falls back to the browser languages, matching by primary subtag, in preference order', () => {
    expect(chooseLanguage(null, ['tr-TR', 'en'])).toBe('tr');
    expect(chooseLanguage('fr', ['fr-FR', 'hu-HU', 'de'])).toBe('hu');
    expect(chooseLanguage(undefined, ['de_AT'])).toBe('de');
    expect(chooseLanguage(null, ['uz-Cyrl-UZ'])).toBe('uz');
  });

  it('is English when nothing matches', () => {
    expect(chooseLanguage(null, ['fr', 'es-MX'])).toBe('en');
    expect(chooseLanguage('', [])).toBe('en');
  });
});

describe('createTranslator', () => {
  it("fills placeholders and picks plural forms by the locale's rules", () => {
    const en = createTranslator('en');
    expect(en('status.replyMinutes', { count: 1 })).toBe('Usually replies within 1 minute');
    expect(en('status.replyMinutes', { count: 5 })).toBe('Usually replies within 5 minutes');
    expect(createTranslator('de')('launcher.unread', { count: 2 })).toBe('2 ungelesene Nachrichten');
    expect(createTranslator('hu')('messages.typing', { name: 'Ayşe' })).toBe('Ayşe éppen ír…');
  });
});

describe('catalogs', () => {
  const english = leaves(allCatalogs().en);

  it.each(widgetLanguages.filter((language) => language !== 'en'))('%s has every English text, translated', (language) => {
    const catalog = leaves(allCatalogs()[language]);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    const same = Object.keys(english).filter((key) => catalog[key] === english[key] && /[a-z]{4,}/i.test(english[key]!));
    expect(same.length / Object.keys(english).length).toBeLessThan(0.1);
    for (const [key, text] of Object.entries(catalog)) {
      const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(placeholders(text), key).toEqual(placeholders(english[key]!));
    }
  });

  it('writes Uzbek oʻ and gʻ with the modifier letter U+02BB, as the console does, never an apostrophe', () => {
    const texts = Object.values(leaves(allCatalogs().uz));
    expect(texts.some((text) => /[og]\u02bb/.test(text))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/['‘’`]/);
  });
});
