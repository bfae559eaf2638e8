import { importDelimiter, importEncodings, type ImportDelimiter, type ImportEncoding } from '@rapport/contracts';
import { lacksUzbekData } from '../../../platform/format';
import { formatNumber } from './import-progress';

/** Catalog key names per encoding (JSON keys without dashes), in the order the select offers them. */
const encodingKeys: Record<ImportEncoding, string> = {
  'utf-8': 'utf8',
  'windows-1250': 'windows1250',
  'iso-8859-2': 'iso88592',
  'windows-1254': 'windows1254',
  'iso-8859-9': 'iso88599',
  'windows-1252': 'windows1252',
};

const delimiterKeys: Record<ImportDelimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** The catalog key of an encoding's human name ("Central European (Windows-1250)"). */
export function encodingLabelKey(encoding: ImportEncoding): string {
  return `customers.import.encodings.${encodingKeys[encoding]}`;
}

/** The encodings an import can be read in, each with the catalog key of its human name. */
export const encodingOptions = importEncodings.map((encoding) => ({ value: encoding, labelKey: encodingLabelKey(encoding) }));

/** The column separators an import can use, each with the catalog key of its name. */
export const delimiterOptions = importDelimiter.options.map((delimiter) => ({
  value: delimiter,
  labelKey: `customers.import.delimiters.${delimiterKeys[delimiter]}`,
}));

/** The select's value as an encoding, or undefined for anything else. */
export function asEncoding(value: string): ImportEncoding | undefined {
  return importEncodings.find((encoding) => encoding === value);
}

/** The select's value as a delimiter, or undefined for anything else. */
export function asDelimiter(value: string): ImportDelimiter | undefined {
  return importDelimiter.options.find((delimiter) => delimiter === value);
}

// CLDR's Uzbek unit names, for browsers without Uzbek data.
const uzbekSizeUnits = { byte: 'bayt', kilobyte: 'kB', megabyte: 'MB', gigabyte: 'GB' };

/**
 * A file size in the UI language with a fitting unit: "246 bytes", "1.2 MB".
 * Decimal units, as file managers show them.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const units = [
    ['gigabyte', 1e9],
    ['megabyte', 1e6],
    ['kilobyte', 1e3],
    ['byte', 1],
  ] as const;
  const [unit, size] = units.find(([, unitSize]) => bytes >= unitSize) ?? units[3];
  if (lacksUzbekData(locale)) {
    return `${formatNumber(bytes / size, locale, { maximumFractionDigits: 1 })} ${uzbekSizeUnits[unit]}`;
  }
  // Bytes are spelled out: their short form is "byte" in English and "B" elsewhere.
  return formatNumber(bytes / size, locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: 1,
  });
}
