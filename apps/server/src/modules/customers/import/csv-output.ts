import { stringify } from 'csv-stringify/sync';

/** UTF-8 byte order mark: Excel reads accents right only with it. */
export const utf8Bom = '\uFEFF';

/**
 * A spreadsheet runs a cell starting with "=", "+", "-" or "@" as a formula
 * (CSV injection). Such text gets a leading apostrophe, which spreadsheets
 * hide and the importer drops again. Phone numbers ("+36 30 …; +90 …") and
 * plain numbers stay as they are: without letters there is no function to call.
 */
export function guardFormula(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-][\d\s().,;+-]*$/.test(value)) return `'${value}`;
  return value;
}

/** CSV lines (RFC 4180 quoting, CRLF-free "\n" line ends) for rows of text, formula-guarded. */
export function csvLines(rows: (string | number | null)[][]): string {
  return stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? guardFormula(cell) : (cell ?? '')))));
}
