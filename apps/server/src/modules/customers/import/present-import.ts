import type { CustomerImport, ImportDelimiter, ImportEncoding, ImportMapping } from '@rapport/contracts';
import type { ImportWithJob } from './customer-imports.repo.js';

/** An import's progress: rows so far, the rate of the current run, and what is left at that rate. */
export function progressOf(row: ImportWithJob, now = new Date()): CustomerImport['progress'] {
  const rowsDone = row.rows_done;
  const nextOffset = Number(row.next_offset);
  const dataOffset = Number(row.data_offset);
  const fileBytes = Number(row.file_bytes);
  let rowsTotal = row.rows_estimate;
  if (row.status === 'done') rowsTotal = rowsDone;
  else if (rowsDone > 0 && nextOffset > dataOffset) {
    // Bytes per row so far, applied to the bytes still unread.
    rowsTotal = rowsDone + Math.round(((fileBytes - nextOffset) * rowsDone) / (nextOffset - dataOffset));
  }
  const runRows = rowsDone - row.run_rows_start;
  const runSeconds = row.run_started_at ? (row.updated_at.getTime() - row.run_started_at.getTime()) / 1000 : 0;
  const rowsPerSecond = runRows > 0 && runSeconds > 0 ? Math.round(runRows / runSeconds) : null;
  const running = row.status === 'running' || row.status === 'queued';
  let secondsLeft: number | null = null;
  if (row.status === 'done') secondsLeft = 0;
  else if (running && rowsPerSecond) {
    // From the last checkpoint, less the time since it.
    const sinceCheckpoint = (now.getTime() - row.updated_at.getTime()) / 1000;
    secondsLeft = Math.max(0, Math.round((rowsTotal - rowsDone) / rowsPerSecond - sinceCheckpoint));
  }
  return {
    rowsTotal: Math.max(rowsTotal, rowsDone),
    rowsDone,
    created: row.rows_created,
    skipped: row.rows_skipped,
    updated: row.rows_updated,
    failed: row.rows_failed,
    warnings: row.rows_warned,
    rowsPerSecond,
    secondsLeft,
  };
}

/**
 * The import as the API shows it. A job that failed for good (it kept dying
 * or failing) makes a queued or running import failed, with the job's error.
 */
export function presentImport(
  row: ImportWithJob,
  extra: { suggestedMapping: ImportMapping; sampleRows: string[][] },
): CustomerImport {
  const jobFailed = (row.status === 'queued' || row.status === 'running') && row.job_status === 'failed';
  return {
    id: row.id,
    status: jobFailed ? 'failed' : row.status,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    encoding: row.encoding as ImportEncoding,
    delimiter: row.delimiter as ImportDelimiter,
    headers: row.headers,
    suggestedMapping: extra.suggestedMapping,
    mapping: row.mapping,
    matchBy: row.match_by,
    existing: row.existing,
    defaultCountry: row.default_country,
    sampleRows: extra.sampleRows,
    progress: progressOf(row),
    error: jobFailed ? (row.job_error ?? 'the import job failed') : row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
