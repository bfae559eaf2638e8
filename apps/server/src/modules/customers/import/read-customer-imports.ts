import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { CustomerImport, ImportDelimiter, ImportEncoding } from '@rapport/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../../platform/context.js';
import { decodeCursor, toPage } from '../../../platform/pagination.js';
import { listAttributeDefinitions } from '../attributes.js';
import * as repo from './customer-imports.repo.js';
import { sniffBytes, sniffCsv } from './csv-sniff.js';
import { csvLines, utf8Bom } from './csv-output.js';
import { errorReportHeader, errorReportPath } from './error-report.js';
import { readFileStart } from './import-files.js';
import { suggestMapping } from './header-mapping.js';
import { presentImport } from './present-import.js';
import { pendingScrubbedReport } from './scrub-error-reports.js';

/** The first rows of a waiting import's file, decoded as it is set up ([] once it runs, or if the file is unreadable). */
async function sampleRowsOf(row: repo.ImportWithJob): Promise<string[][]> {
  if (row.status !== 'uploaded') return [];
  try {
    const sample = await readFileStart(row.file_path, row.bom_bytes + sniffBytes);
    return sniffCsv(sample, {
      encoding: row.encoding as ImportEncoding,
      delimiter: row.delimiter as ImportDelimiter,
      bomBytes: row.bom_bytes,
      fileBytes: Number(row.file_bytes),
    }).sampleRows;
  } catch {
    return [];
  }
}

/** An import as the API shows it, with the suggested mapping (attributes included) and, while it waits, sample rows. */
export async function describeImport(db: Executor, row: repo.ImportWithJob, sampleRows?: string[][]): Promise<CustomerImport> {
  const attributes = await listAttributeDefinitions(db, row.workspace_id);
  return presentImport(row, {
    suggestedMapping: suggestMapping(row.headers, attributes),
    sampleRows: sampleRows ?? (await sampleRowsOf(row)),
  });
}

/** An import of the workspace; throws not_found (also for another workspace's). */
export async function getCustomerImport(db: Kysely<DB>, context: WorkspaceContext, importId: string): Promise<CustomerImport> {
  const row = await repo.findImport(db, context.workspaceId, importId);
  if (!row) throw new AppError('not_found', 'No such import in this workspace.');
  return describeImport(db, row);
}

/** The workspace's imports, newest first. */
export async function listCustomerImports(
  db: Kysely<DB>,
  context: WorkspaceContext,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ items: CustomerImport[]; nextCursor: string | null }> {
  const rows = await repo.listImports(db, context.workspaceId, query.limit, decodeCursor(query.cursor));
  const attributes = await listAttributeDefinitions(db, context.workspaceId);
  return toPage(
    rows,
    query.limit,
    (r) => ({ createdAt: r.created_at, id: r.id }),
    (r) => presentImport(r, { suggestedMapping: suggestMapping(r.headers, attributes), sampleRows: [] }),
  );
}

/**
 * The error report as far as committed batches go (line, level, column,
 * value, code, reason), streamed from disk. Throws not_found.
 */
export async function openErrorReport(db: Kysely<DB>, context: WorkspaceContext, importId: string): Promise<Readable> {
  const row = await repo.findImport(db, context.workspaceId, importId);
  if (!row) throw new AppError('not_found', 'No such import in this workspace.');
  const committed = Number(row.errors_bytes);
  if (committed === 0) return Readable.from([utf8Bom + csvLines([errorReportHeader])]);
  // Someone erased while the import runs is left out until their lines are scrubbed from the file, at its end.
  const running = row.status === 'queued' || row.status === 'running';
  const scrubbed = running ? await pendingScrubbedReport(db, row, committed) : null;
  if (scrubbed) return Readable.from(scrubbed);
  return createReadStream(errorReportPath(row.file_path), { start: 0, end: committed - 1 });
}
