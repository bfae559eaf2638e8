import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { Executor } from '../../../platform/context.js';
import { parsePhone } from '../identities.js';
import { foldForSearch } from '../search-text.js';
import { csvLines, utf8Bom } from './csv-output.js';
import * as repo from './customer-imports.repo.js';
import { errorReportHeader, errorReportPath } from './error-report.js';

/** What identifies a person in an error report's lines: their emails, phone numbers and name. */
export interface PersonToScrub {
  /** Lower-case. */
  emails: string[];
  /** E.164. */
  phones: string[];
  /** The folded name's words in sorted order (a customer's name_key); '' when unnamed. */
  nameKey: string;
  /** The country a national phone number in a report is read in. */
  country: string | null;
}

const csvOptions = { bom: true, from_line: 2, relax_column_count: true } as const;

/**
 * Whether a line of an error report (one problem of one row) names the
 * person: a value that is one of their emails or phone numbers in any format,
 * a reason that quotes one, or a value holding every word of their full name
 * (a name of two words at least: a given name alone names nobody).
 */
export function namesPerson(value: string, reason: string, person: PersonToScrub): boolean {
  // Values were guarded against spreadsheet formulas with a leading apostrophe.
  const cell = value.replace(/^'/, '').trim();
  const text = `${cell} ${reason}`.toLowerCase();
  if (person.emails.some((email) => text.includes(email))) return true;
  if (person.phones.some((phone) => text.includes(phone))) return true;
  const digits = cell.replace(/\D/g, '');
  if (digits.length >= 7 && cell.length <= 40) {
    const number = parsePhone(cell, person.country)?.number;
    if (number && person.phones.includes(number)) return true;
  }
  const nameWords = person.nameKey.split(' ').filter(Boolean);
  if (nameWords.length >= 2) {
    const words = new Set(foldForSearch(cell).split(' '));
    if (nameWords.every((word) => words.has(word))) return true;
  }
  return false;
}

/** The lines of the file's rows that have a problem naming the person. */
async function linesNaming(path: string, person: PersonToScrub): Promise<Set<number>> {
  const lines = new Set<number>();
  const records = createReadStream(path).pipe(parse(csvOptions));
  for await (const record of records as AsyncIterable<string[]>) {
    const [line, , , value = '', , reason = ''] = record;
    if (namesPerson(value, reason, person)) lines.add(Number(line));
  }
  return lines;
}

/**
 * Removes from an import's error report every problem of the rows that name
 * the person (all of a row's lines go, whatever column named them), by
 * writing the report anew and renaming it over the old one. Returns the new
 * length in bytes, or null when the report does not name them (it is left as
 * it is) or is gone.
 */
export async function scrubErrorReport(sourcePath: string, person: PersonToScrub): Promise<number | null> {
  const path = errorReportPath(sourcePath);
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lines = await linesNaming(path, person);
  if (lines.size === 0) return null;
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    let pending: (string | number)[][] = [];
    const flush = async () => {
      if (pending.length) await handle.write(csvLines(pending));
      pending = [];
    };
    await handle.write(utf8Bom + csvLines([errorReportHeader]));
    const records = createReadStream(path).pipe(parse(csvOptions));
    for await (const record of records as AsyncIterable<string[]>) {
      if (lines.has(Number(record[0]))) continue;
      pending.push(record);
      if (pending.length >= 500) await flush();
    }
    await flush();
    await handle.datasync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  return (await stat(path)).size;
}

/**
 * Scrubs the person from the error reports of the workspace's finished
 * imports (kept 30 days), updating each report's committed length with it.
 * The import rows are locked first, so two erasures scrub a report one after
 * the other. A running import's report is still being written by its job and
 * is left alone.
 */
export async function scrubFinishedErrorReports(db: Executor, workspaceId: string, person: PersonToScrub): Promise<void> {
  for (const row of await repo.lockFinishedImportsWithErrors(db, workspaceId)) {
    const bytes = await scrubErrorReport(row.file_path, person);
    if (bytes !== null) await repo.updateImport(db, workspaceId, row.id, { errors_bytes: bytes });
  }
}
