import { z } from 'zod';
import { countryCode, id, timestamp } from './common.js';
import { customerListFilters } from './customers.js';

/**
 * Customer fields a CSV column can fill. `fullName` is split into given and
 * family name in the row's name order; several `email`, `phone` and `tags`
 * columns may be mapped; `attribute:<key>` fills a custom attribute (dates in
 * local formats such as 2026.11.24. or 24.11.2026 are read for date attributes).
 */
export const customerImportFields = [
  'givenName',
  'familyName',
  'fullName',
  'middleName',
  'title',
  'formality',
  'email',
  'phone',
  'company',
  'country',
  'language',
  'timeZone',
  'tags',
  'consent',
] as const;
export type CustomerImportBaseField = (typeof customerImportFields)[number];
export const customerImportField = z.union([
  z.enum(customerImportFields),
  z.string().regex(/^attribute:[a-z][a-z0-9_]{0,39}$/, 'a field name or attribute:<key>'),
]);
export type CustomerImportField = z.infer<typeof customerImportField>;

/** Text encodings an import can be read in; detection picks one, the mapping screen may change it. */
export const importEncodings = ['utf-8', 'windows-1250', 'iso-8859-2', 'windows-1254', 'iso-8859-9', 'windows-1252'] as const;
export const importEncoding = z.enum(importEncodings);
export type ImportEncoding = z.infer<typeof importEncoding>;

export const importDelimiter = z.enum([',', ';', '\t', '|']);
export type ImportDelimiter = z.infer<typeof importDelimiter>;

/** Which identities find an existing customer to update: a row matching none creates a customer. */
export const importMatchBy = z.enum(['email', 'phone', 'email_or_phone']);
export type ImportMatchBy = z.infer<typeof importMatchBy>;

/**
 * What a row does to the existing customer it matches: `update` writes the row's non-empty values over theirs,
 * `fill_empty` fills in only what they lack, `skip` leaves them untouched (the row counts as skipped). With
 * `update` and `fill_empty` the row's tags, new emails and phones are added. Rows matching a customer an earlier
 * row of the same file created always add to it.
 */
export const importExisting = z.enum(['update', 'fill_empty', 'skip']);
export type ImportExisting = z.infer<typeof importExisting>;

export const customerImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed']);
export type CustomerImportStatus = z.infer<typeof customerImportStatus>;

/** Column header → field (null: not imported). Keys are the import's `headers` (repeated names get " (2)"). */
export const importMapping = z.record(z.string().max(200), customerImportField.nullable());
export type ImportMapping = z.infer<typeof importMapping>;

export const customerImportProgress = z.object({
  /** Data rows in the file: an estimate from the file size until the import is done. */
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  /** Rows that created a customer, updated one, or were not imported (see errors.csv). */
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows matching an existing customer that were left alone (`existing: skip`). */
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Imported rows with a warning (an email or phone seen on an earlier line). */
  warnings: z.number().int(),
  rowsPerSecond: z.number().nullable(),
  secondsLeft: z.number().nullable(),
});

export const customerImport = z.object({
  id,
  status: customerImportStatus,
  fileName: z.string().nullable(),
  fileBytes: z.number().int(),
  encoding: importEncoding,
  delimiter: importDelimiter,
  headers: z.array(z.string()),
  /** What each header most likely holds, from common headers in English, Hungarian, Turkish, Uzbek and German. */
  suggestedMapping: importMapping,
  mapping: importMapping.nullable(),
  matchBy: importMatchBy.nullable(),
  existing: importExisting.nullable(),
  defaultCountry: countryCode.nullable(),
  /** The first rows, decoded with `encoding` (while the import waits to be started). */
  sampleRows: z.array(z.array(z.string())),
  progress: customerImportProgress,
  /** Why the import stopped, when it failed. */
  error: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type CustomerImport = z.infer<typeof customerImport>;

/** Re-read the uploaded file with another encoding or delimiter (the mapping screen's preview). */
export const updateCustomerImportInput = z.strictObject({
  encoding: importEncoding.optional(),
  delimiter: importDelimiter.optional(),
});
export type UpdateCustomerImportInput = z.infer<typeof updateCustomerImportInput>;

export const startCustomerImportInput = z.strictObject({
  mapping: importMapping,
  matchBy: importMatchBy.default('email_or_phone'),
  existing: importExisting.default('update'),
  encoding: importEncoding.optional(),
  delimiter: importDelimiter.optional(),
  /** Country for phone numbers without a country code, when the row has none (default: the workspace's). */
  defaultCountry: countryCode.optional(),
});
export type StartCustomerImportInput = z.infer<typeof startCustomerImportInput>;

/**
 * Filters and sort of the CSV export, as the list's; `q` keeps customers whose
 * name, company, tags, email or phone contain every word, and may go with a
 * sort. Without `sort`: oldest first.
 */
export const customerExportQuery = customerListFilters;
export type CustomerExportQuery = z.infer<typeof customerExportQuery>;
