import type { BrokenRecord, CsvRecord } from './csv-records.js';
import { newCustomerRow } from './customer-rows.js';
import { serializeCustomerRow, type SerializedCustomerRow } from './import-batch.repo.js';
import type { ImportPlan } from './import-plan.js';
import { normalizeRow, type ImportedCustomer, type RowIssue } from './normalize-row.js';
import type { SeenKeys } from './seen-keys.js';

/** What went wrong with a line's quoting, by the parser's code: the report's text (locales/*.json) and its English. */
const brokenReasons: Record<string, { reason: string; message: string }> = {
  CSV_MAX_RECORD_SIZE: {
    reason: 'record_too_large',
    message: 'this line runs on for more than 256 KiB: a quote is probably never closed; the line was skipped',
  },
  CSV_QUOTE_NOT_CLOSED: { reason: 'quote_not_closed', message: 'a quote on this line is never closed; the line was skipped' },
  CSV_INVALID_CLOSING_QUOTE: {
    reason: 'text_after_quote',
    message: 'text follows a closing quote; quote the whole value and double the quotes inside it',
  },
  INVALID_OPENING_QUOTE: {
    reason: 'quote_inside_value',
    message: 'a quote inside an unquoted value; quote the whole value and double the quotes inside it',
  },
};

/**
 * The rows between two checkpoints: valid rows (with their in-file duplicate
 * warnings, and their row as a new customer, built here so that the work
 * overlaps the previous batch's SQL) to write, rejected rows to report, and
 * the position after the last.
 */
export class RowBatch {
  readonly valid: { line: number; customer: ImportedCustomer; draft: SerializedCustomerRow; warnings: RowIssue[] }[] = [];
  readonly rejected: { line: number; issues: RowIssue[] }[] = [];
  /** The emails and phones of the valid rows ("email:…", "phone:…"). */
  readonly keys = new Set<string>();
  /** Of those, the ones seen on an earlier line of the file: only they can belong to a customer this import wrote. */
  readonly seenBefore = new Set<string>();
  /** Records consumed (valid and rejected). */
  size = 0;
  end: { offset: number; line: number };

  constructor(readonly start: { offset: number; line: number }) {
    this.end = start;
  }

  /**
   * Reads a record into the batch. An email or phone seen on an earlier line
   * is a warning: the later row updates the customer the earlier one wrote.
   */
  add(item: CsvRecord | BrokenRecord, plan: ImportPlan, seen: SeenKeys): void {
    this.size++;
    this.end = { offset: item.endOffset, line: item.nextLine };
    if ('broken' in item) {
      const { reason, message } = brokenReasons[item.broken] ?? {
        reason: 'broken_quotes',
        message: 'the quoting of this line is broken; the line was skipped',
      };
      this.rejected.push({
        line: item.line,
        issues: [{ column: '', value: '', code: 'broken_quotes', message, level: 'error', reason }],
      });
      return;
    }
    const { customer, issues } = normalizeRow(item.fields, plan);
    if (!customer) {
      this.rejected.push({ line: item.line, issues });
      return;
    }
    const warnings: RowIssue[] = [];
    const check = (key: string, identity: { value: string; column: string }) => {
      this.keys.add(key);
      const first = seen.remember(key, item.line);
      if (first === undefined || first === item.line) return;
      this.seenBefore.add(key);
      warnings.push({
        column: identity.column,
        value: identity.value,
        code: 'duplicate_in_file',
        message: `also on line ${first}: this row updates the customer of that line`,
        level: 'warning',
        params: { line: first },
      });
    };
    for (const email of customer.emails) check(`email:${email.value}`, email);
    for (const phone of customer.phones) check(`phone:${phone.value}`, phone);
    this.valid.push({ line: item.line, customer, draft: serializeCustomerRow(newCustomerRow(customer, new Date())), warnings });
  }
}
