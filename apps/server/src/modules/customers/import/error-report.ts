import { open, type FileHandle } from 'node:fs/promises';
import type { TFunction } from 'i18next';
import { csvLines, utf8Bom } from './csv-output.js';
import type { RowIssue } from './normalize-row.js';
import { issueReason } from './report-texts.js';

/**
 * The report's columns: one line per problem, several per row when several cells are wrong. The header, level and
 * code stay as they are for programs; the reason is in the language of the person who started the import.
 */
export const errorReportHeader = ['line', 'level', 'column', 'value', 'code', 'reason'];

/** Where an import's error report lives, beside its uploaded file. */
export function errorReportPath(sourcePath: string): string {
  return sourcePath.replace(/\.csv$/, '') + '.errors.csv';
}

/**
 * The error report of an import, appended batch by batch. Its length is
 * checkpointed with each batch; reopening cuts it back to the checkpoint, so
 * the lines of a batch that never committed (the process died) are not
 * reported twice when the batch runs again.
 */
export class ErrorReport {
  private constructor(
    private readonly handle: FileHandle,
    private length: number,
    private readonly t: TFunction,
  ) {}

  /** Opens (or creates) the report at `path`, cut back to `committedBytes`, its reasons worded by `t`. */
  static async open(path: string, committedBytes: number, t: TFunction): Promise<ErrorReport> {
    // Append mode: the report only ever grows at its end (after being cut back here).
    const handle = await open(path, 'a+');
    await handle.truncate(committedBytes);
    const report = new ErrorReport(handle, committedBytes, t);
    if (committedBytes === 0) await report.#write(utf8Bom + csvLines([errorReportHeader]));
    return report;
  }

  /** Bytes written so far: what a checkpoint records. */
  get bytes(): number {
    return this.length;
  }

  /** Appends problems (line order) and makes them durable; returns the new length. */
  async append(entries: { line: number; issue: RowIssue }[]): Promise<number> {
    if (entries.length === 0) return this.length;
    await this.#write(
      csvLines(
        entries.map(({ line, issue }) => [line, issue.level, issue.column, issue.value, issue.code, issueReason(this.t, issue)]),
      ),
    );
    await this.handle.datasync();
    return this.length;
  }

  async #write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    await this.handle.write(bytes, 0, bytes.length);
    this.length += bytes.length;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
