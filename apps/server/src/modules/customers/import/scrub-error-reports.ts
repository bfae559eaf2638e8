import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
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

/** The report's problem records (header left out), up to `end` bytes when given (a running import's committed length). */
function reportRecords(path: string, end?: number): AsyncIterable<string[]> {
  const stream = createReadStream(path, end === undefined ? {} : { start: 0, end: end - 1 });
  return stream.pipe(parse(csvOptions)) as AsyncIterable<string[]>;
}

/** The lines of the file's rows that have a problem naming one of the people. */
async function linesNaming(path: string, people: PersonToScrub[], end?: number): Promise<Set<number>> {
  const lines = new Set<number>();
  for await (const record of reportRecords(path, end)) {
    const [line, , , value = '', , reason = ''] = record;
    if (people.some((person) => namesPerson(value, reason, person))) lines.add(Number(line));
  }
  return lines;
}

/**
 * The report as CSV text (header first) without the problems of the rows that
 * name one of the people (all of a row's lines go, whatever column named
 * them), in chunks of a few hundred lines; null when it names none of them.
 */
async function reportWithout(path: string, people: PersonToScrub[], end?: number): Promise<AsyncIterable<string> | null> {
  const lines = await linesNaming(path, people, end);
  if (lines.size === 0) return null;
  return (async function* () {
    yield utf8Bom + csvLines([errorReportHeader]);
    let pending: string[][] = [];
    for await (const record of reportRecords(path, end)) {
      if (lines.has(Number(record[0]))) continue;
      pending.push(record);
      if (pending.length >= 500) {
        yield csvLines(pending);
        pending = [];
      }
    }
    if (pending.length) yield csvLines(pending);
  })();
}

/**
 * Removes from an import's error report every problem of the rows that name
 * one of the people, by writing the report anew and renaming it over the old
 * one. Returns the new length in bytes, or null when the report names none of
 * them (it is left as it is) or is gone.
 */
export async function scrubErrorReport(sourcePath: string, people: PersonToScrub[]): Promise<number | null> {
  const path = errorReportPath(sourcePath);
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const kept = await reportWithout(path, people);
  if (!kept) return null;
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    for await (const text of kept) await handle.write(text);
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
 * Scrubs an erased person from the error reports of the workspace's imports
 * (kept 30 days after they finish). A finished import's report is rewritten
 * now, with its committed length. A queued or running import's report is
 * still being written by its job: the person is kept with the import, left
 * out of its downloads, and scrubbed when it ends (applyPendingScrubs). The
 * import rows are locked first, so two erasures, or an erasure and the end of
 * an import, take their turns.
 */
export async function scrubErrorReports(db: Executor, workspaceId: string, person: PersonToScrub): Promise<void> {
  for (const row of await repo.lockImportsWithReports(db, workspaceId)) {
    if (row.status === 'queued' || row.status === 'running') {
      await repo.addPendingScrub(db, workspaceId, row.id, person);
      continue;
    }
    const bytes = await scrubErrorReport(row.file_path, [person]);
    if (bytes !== null) await repo.updateImport(db, workspaceId, row.id, { errors_bytes: bytes });
  }
}

/**
 * Once an import has ended (done or failed), scrubs from its report the
 * people erased while it ran, and forgets them. Does nothing for an import
 * still queued or running, or with no one to scrub.
 */
export async function applyPendingScrubs(db: Kysely<DB>, workspaceId: string, importId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockImport(trx, workspaceId, importId);
    if (!row || (row.status !== 'done' && row.status !== 'failed')) return;
    const pending = await repo.listPendingScrubs(trx, workspaceId, importId);
    if (pending.length === 0) return;
    const bytes = await scrubErrorReport(
      row.file_path,
      pending.map((p) => p.person),
    );
    if (bytes !== null) await repo.updateImport(trx, workspaceId, importId, { errors_bytes: bytes });
    await repo.deletePendingScrubs(
      trx,
      workspaceId,
      pending.map((p) => p.id),
    );
  });
}

/** Applies the pending scrubs of every finished import (those whose job ended without it: the process died). */
export async function applyAllPendingScrubs(db: Kysely<DB>): Promise<{ imports: number }> {
  const imports = await repo.listFinishedImportsWithPendingScrubs(db);
  for (const { workspace_id, id } of imports) await applyPendingScrubs(db, workspace_id, id);
  return { imports: imports.length };
}

/**
 * A queued or running import's report as committed so far (`end` bytes),
 * without the people erased meanwhile; null when no one was.
 */
export async function pendingScrubbedReport(
  db: Executor,
  row: { workspace_id: string; id: string; file_path: string },
  end: number,
): Promise<AsyncIterable<string> | null> {
  const pending = await repo.listPendingScrubs(db, row.workspace_id, row.id);
  if (pending.length === 0) return null;
  return reportWithout(
    errorReportPath(row.file_path),
    pending.map((p) => p.person),
    end,
  );
}
