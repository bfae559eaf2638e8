import { describe, expect, it } from 'vitest';
import { importEncodings } from '@rapport/contracts';
import en from '../../../locales/en.json';
import hu from '../../../locales/hu.json';
import { asDelimiter, asEncoding, delimiterOptions, encodingLabelKey, encodingOptions, formatFileSize } from './import-format';

/** A catalog text by dotted key, or undefined. */
function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('encoding labels', () => {
  it('names every encoding the server reads, in both English and Hungarian', () => {
    expect(encodingOptions.map((option) => option.value)).toEqual([...importEncodings]);
    for (const option of encodingOptions) {
      expect(lookup(en, option.labelKey), option.value).toEqual(expect.any(String));
      expect(lookup(hu, option.labelKey), option.value).toEqual(expect.any(String));
    }
    expect(lookup(en, encodingLabelKey('windows-1250'))).toBe('Central European (Windows-1250)');
    expect(lookup(hu, encodingLabelKey('iso-8859-9'))).toBe('Török (ISO-8859-9)');
  });

  it('names every delimiter', () => {
    expect(delimiterOptions.map((option) => option.value)).toEqual([',', ';', '\t', '|']);
    for (const option of delimiterOptions) expect(lookup(en, option.labelKey), option.value).toEqual(expect.any(String));
  });

  it('reads select values back, refusing anything else', () => {
    expect(asEncoding('windows-1254')).toBe('windows-1254');
    expect(asEncoding('utf-16')).toBeUndefined();
    expect(asDelimiter('\t')).toBe('\t');
    expect(asDelimiter(':')).toBeUndefined();
  });
});

describe('formatFileSize', () => {
  // Intl separates number and unit with a no-break space in some languages.
  const plain = (text: string) => text.replace(/\s/g, ' ');

  it('picks a decimal unit and formats the number in the UI language', () => {
    expect(plain(formatFileSize(246, 'en'))).toBe('246 bytes');
    expect(plain(formatFileSize(246, 'hu'))).toBe('246 bájt');
    expect(plain(formatFileSize(2_400, 'en'))).toBe('2.4 kB');
    expect(plain(formatFileSize(1_250_000, 'hu'))).toBe('1,3 MB');
    expect(plain(formatFileSize(1_000_000_000, 'de'))).toBe('1 GB');
  });
});
