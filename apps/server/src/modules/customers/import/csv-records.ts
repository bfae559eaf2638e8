import { open, type FileHandle } from 'node:fs/promises';
import { CsvError, Parser, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { ImportDelimiter, ImportEncoding } from '@rapport/contracts';
import { fieldDecoder, parserEncoding } from './encoding.js';

/** A record of the file: its values, the line it starts on, and where the next one starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Byte offset just past this record: where reading resumes after it. */
  endOffset: number;
  nextLine: number;
}

/** A record the parser could not read (a quote never closed, text after a closing quote…). */
export interface BrokenRecord {
  broken: string;
  line: number;
  endOffset: number;
  nextLine: number;
}

export interface CsvFormat {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
}

const chunkBytes = 256 * 1024;
/** A customer row is never this long: a longer record is a quote that was never closed. */
const maxRecordBytes = 256 * 1024;

function parserOptions(format: CsvFormat, onRecord: Options['on_record']): Options {
  return {
    delimiter: format.delimiter,
    encoding: parserEncoding(format.encoding),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: maxRecordBytes,
    on_record: onRecord,
  };
}

/**
 * Reads records from byte `offset` (which starts line `line`), streaming: one
 * chunk in memory at a time. Values are decoded from the file's encoding. A
 * record the parser cannot read is yielded as a BrokenRecord covering its
 * first line, and reading restarts on the next line, so one bad quote does not
 * swallow the rest of the file.
 */
export async function* readRecords(
  path: string,
  format: CsvFormat,
  from: { offset: number; line: number },
  signal?: AbortSignal,
): AsyncGenerator<CsvRecord | BrokenRecord> {
  const decode = format.encoding === 'utf-8' ? null : fieldDecoder(format.encoding);
  const handle = await open(path, 'r');
  try {
    let start = from.offset;
    let startLine = from.line;
    for (;;) {
      const queue: CsvRecord[] = [];
      let consumed = { bytes: 0, lines: 0 };
      // csv-parse counts a \r\n inside a quoted value as two lines; `skew` takes the extra ones back out.
      let skew = 0;
      const parser = new Parser(
        parserOptions(format, (record: string[], info) => {
          const breaks = lineBreaksIn(record);
          skew += breaks.crlf;
          const endLine = startLine + info.lines - 1 - skew;
          const fields = decode ? record.map(decode) : record;
          queue.push({ fields, line: endLine - breaks.lines, endOffset: start + info.bytes, nextLine: endLine + 1 });
          consumed = { bytes: info.bytes, lines: info.lines - skew };
          return null;
        }),
      );
      parser.on('error', () => undefined); // reported through the write callbacks below
      let position = start;
      let failure: Error | undefined;
      for (;;) {
        signal?.throwIfAborted();
        const buffer = Buffer.allocUnsafe(chunkBytes);
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
        position += bytesRead;
        failure = await (bytesRead > 0 ? write(parser, buffer.subarray(0, bytesRead)) : finish(parser));
        yield* queue.splice(0);
        if (failure || bytesRead === 0) break;
      }
      if (!failure) return;
      if (!(failure instanceof CsvError)) throw failure;
      const broken = await skipLine(handle, start + consumed.bytes, startLine + consumed.lines);
      yield { broken: failure.code, ...broken };
      start = broken.endOffset;
      startLine = broken.nextLine;
    }
  } finally {
    await handle.close();
  }
}

/** Line breaks inside a record's values (\r\n, \r or \n each count one), and how many are \r\n. */
function lineBreaksIn(fields: string[]): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (const field of fields) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    lines += field.match(/\r\n|\r|\n/g)?.length ?? 0;
    crlf += field.match(/\r\n/g)?.length ?? 0;
  }
  return { lines, crlf };
}

/** Feeds a chunk; resolves with the parser's error, if any (records so far are already queued). */
function write(parser: Parser, chunk: Buffer): Promise<Error | undefined> {
  return new Promise((resolve) => parser.write(chunk, (error) => resolve(error ?? undefined)));
}

function finish(parser: Parser): Promise<Error | undefined> {
  return new Promise((resolve) => {
    parser.once('error', (error: Error) => resolve(error));
    parser.end(() => resolve(undefined));
  });
}

/**
 * From `offset` (after the last good record; blank lines may follow), finds
 * the line the broken record starts on and the offset of the line after it.
 */
async function skipLine(
  handle: FileHandle,
  offset: number,
  line: number,
): Promise<{ line: number; endOffset: number; nextLine: number }> {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let position = offset;
  let current = line;
  let started = false;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return { line: current, endOffset: position, nextLine: current + 1 };
    for (let i = 0; i < bytesRead; i++) {
      const byte = buffer[i];
      if (byte !== 0x0a && byte !== 0x0d) {
        started = true;
        continue;
      }
      // A line ends at \n, at \r\n, or at a lone \r.
      if (byte === 0x0d && i + 1 < bytesRead && buffer[i + 1] === 0x0a) i++;
      if (started) return { line: current, endOffset: position + i + 1, nextLine: current + 1 };
      current++;
    }
    position += bytesRead;
  }
}

/**
 * The first records of the start of a file (in memory), for detection and
 * previews. `complete`: the sample is the whole file; otherwise its last,
 * cut-off record is dropped. `failed`: the parser stopped on broken quoting.
 */
export function parseSample(
  sample: Buffer,
  format: CsvFormat,
  options: { limit: number; complete: boolean },
): { records: { fields: string[]; bytes: number; lines: number }[]; failed: boolean } {
  const decode = fieldDecoder(format.encoding);
  const records: { fields: string[]; bytes: number; lines: number }[] = [];
  let failed = false;
  try {
    parseSync(
      sample,
      parserOptions(format, (record: string[], info) => {
        records.push({ fields: record.map(decode), bytes: info.bytes, lines: info.lines });
        return null;
      }),
    );
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    failed = true;
  }
  if (!options.complete && !failed) records.pop();
  return { records: records.slice(0, options.limit), failed };
}
