import iconv from 'iconv-lite';
import type { ImportEncoding } from '@rapport/contracts';
import { AppError } from '../../../platform/errors.js';

/** Single-byte encodings, in the order preferred when they read a file the same way. */
const singleByte = ['windows-1252', 'windows-1250', 'windows-1254', 'iso-8859-2', 'iso-8859-9'] as const;

// How likely a character is in names and addresses of the customers Rapport serves.
const distinctive = 'őŐűŰşŞğĞıİ'; // Hungarian and Turkish letters no other candidate shares
const centralEuropean = 'čČšŠžŽřŘěĚůŮďĎťŤňŇąĄęĘłŁśŚźŹżŻćĆńŃăĂșȘțȚľĽĺĹŕŔđĐ';
const common = 'áéíóöúüÁÉÍÓÖÚÜäÄßçÇâÂêÊîÎôÔàÀèÈëËïÏùÙñÑåÅæÆøØýÝ';
const unlikely = 'þÞðÐõÕûÛţŢ';

function weight(char: string): number {
  const code = char.charCodeAt(0);
  if (char === '\uFFFD' || (code >= 0x80 && code <= 0x9f)) return -5; // unmapped byte or C1 control
  if (distinctive.includes(char)) return 3;
  if (centralEuropean.includes(char)) return 2;
  if (common.includes(char)) return 1;
  if (unlikely.includes(char)) return -1;
  if (/[\u2018-\u201e\u2013\u2014\u2026\u20ac\u00a0]/.test(char)) return 0; // typographic quotes, dashes, €, no-break space
  return /\p{L}/u.test(char) ? 0 : -1; // other letters are neutral, symbols (¤ ¦ ± ¶ …) rare
}

/** The characters bytes 0x80–0xFF stand for in each encoding. */
const highHalf = new Map<string, string[]>(
  singleByte.map((encoding) => [
    encoding,
    [...iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), encoding)],
  ]),
);

export interface DetectedEncoding {
  encoding: ImportEncoding;
  /** Length of a UTF-8 byte order mark to skip (0 or 3). */
  bomBytes: number;
}

/**
 * Guesses a file's encoding from its first bytes: a UTF-8 byte order mark or
 * valid UTF-8 (plain ASCII included) is UTF-8; otherwise the single-byte
 * encoding (Windows-1250/1252/1254, ISO-8859-2/9) whose reading of the
 * non-ASCII bytes gives the most plausible letters for Hungarian, Turkish,
 * German and other Latin-script names. Throws validation_failed for UTF-16.
 */
export function detectEncoding(sample: Buffer): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new AppError('validation_failed', 'The file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" and upload again.', {
      issues: [{ path: ['body'], code: 'unsupported_encoding', message: 'UTF-16 is not supported', in: 'body' }],
    });
  }
  if (isUtf8(sample)) return { encoding: 'utf-8', bomBytes: 0 };
  const counts = new Array<number>(128).fill(0);
  for (const byte of sample) if (byte >= 0x80) counts[byte - 0x80]!++;
  let best: (typeof singleByte)[number] = singleByte[0];
  let bestScore = -Infinity;
  for (const encoding of singleByte) {
    const chars = highHalf.get(encoding)!;
    let score = 0;
    for (let i = 0; i < 128; i++) if (counts[i]) score += counts[i]! * weight(chars[i]!);
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return { encoding: best, bomBytes: 0 };
}

/** Whether the bytes are UTF-8; a character cut off at the end of the sample is allowed. */
function isUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** How csv-parse should read the bytes: UTF-8 as is, single-byte encodings byte by byte (decoded per field). */
export function parserEncoding(encoding: ImportEncoding): 'utf8' | 'latin1' {
  return encoding === 'utf-8' ? 'utf8' : 'latin1';
}

/**
 * Turns a field read byte by byte (latin1) into its text in `encoding`.
 * Delimiters, quotes and line ends are ASCII in every supported encoding, so
 * the CSV structure can be parsed from the raw bytes and only values decoded.
 */
export function fieldDecoder(encoding: ImportEncoding): (field: string) => string {
  if (encoding === 'utf-8') return (field) => field;
  const chars = highHalf.get(encoding) ?? [
    ...iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), encoding),
  ];
  return (field) => (/[\x80-\xff]/.test(field) ? field.replace(/[\x80-\xff]/g, (c) => chars[c.charCodeAt(0) - 0x80]!) : field);
}

/** Decodes bytes in one of the supported encodings. */
export function decodeText(bytes: Buffer, encoding: ImportEncoding): string {
  return iconv.decode(bytes, encoding, { stripBOM: false });
}
