import type { ImportDelimiter, ImportEncoding } from '@rapport/contracts';
import { AppError } from '../../../platform/errors.js';
import { parseSample } from './csv-records.js';
import { uniqueHeaders } from './header-mapping.js';

/** What the start of a file says about all of it. */
export interface CsvLayout {
  delimiter: ImportDelimiter;
  /** Column names, made unique. */
  headers: string[];
  /** The first data rows, decoded. */
  sampleRows: string[][];
  /** Byte offset and line number of the first data row. */
  dataOffset: number;
  dataLine: number;
  /** Data rows in the whole file, estimated from the bytes per row of the sample. */
  rowsEstimate: number;
}

const delimiters: ImportDelimiter[] = [',', ';', '\t', '|'];
/** Bytes of the file's start that sniffing reads. */
export const sniffBytes = 64 * 1024;

/**
 * Reads the header, delimiter and first rows from the start of a file
 * (`sample`, from byte 0). The delimiter is the candidate that splits the
 * header into the most columns with the rows agreeing on that count (a
 * Hungarian or German Excel file uses ";" because "," is the decimal mark).
 * Throws validation_failed when there is no header row.
 */
export function sniffCsv(
  sample: Buffer,
  options: { encoding: ImportEncoding; bomBytes: number; fileBytes: number; delimiter?: ImportDelimiter | undefined },
): CsvLayout {
  const body = sample.subarray(options.bomBytes, options.bomBytes + sniffBytes);
  const complete = options.bomBytes + body.length >= options.fileBytes;
  const delimiter = options.delimiter ?? guessDelimiter(body, options.encoding, complete);
  const { records } = parseSample(body, { encoding: options.encoding, delimiter }, { limit: 51, complete });
  const header = records[0];
  if (!header) {
    throw new AppError('validation_failed', 'The file has no header row: the first line must name the columns.', {
      issues: [{ path: ['body'], code: 'no_header', message: 'no header row', in: 'body' }],
    });
  }
  const rows = records.slice(1);
  const dataBytes = options.fileBytes - options.bomBytes - header.bytes;
  const bytesPerRow = rows.length ? (rows.at(-1)!.bytes - header.bytes) / rows.length : 0;
  return {
    delimiter,
    headers: uniqueHeaders(header.fields),
    sampleRows: rows.slice(0, 5).map((r) => r.fields),
    dataOffset: options.bomBytes + header.bytes,
    dataLine: header.lines + 1,
    rowsEstimate: complete ? rows.length : bytesPerRow > 0 ? Math.round(dataBytes / bytesPerRow) : 0,
  };
}

function guessDelimiter(body: Buffer, encoding: ImportEncoding, complete: boolean): ImportDelimiter {
  let best: ImportDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of delimiters) {
    const { records, failed } = parseSample(body, { encoding, delimiter }, { limit: 21, complete });
    const columns = records[0]?.fields.length ?? 0;
    if (columns < 2) continue;
    const rows = records.slice(1);
    const agreeing = rows.filter((r) => r.fields.length === columns).length;
    const score = (rows.length ? agreeing / rows.length : 1) * 1000 + columns - (failed && records.length < 3 ? 500 : 0);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
