import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type {
  CustomerImport,
  ImportDelimiter,
  ImportEncoding,
  StartCustomerImportInput,
  UpdateCustomerImportInput,
} from '@rapport/contracts';
import { AppError } from '../../../platform/errors.js';
import type { WorkspaceContext } from '../../../platform/context.js';
import { enqueueJob } from '../../../platform/jobs/queue.js';
import { findWorkspace } from '../../workspaces/workspaces.repo.js';
import { listAttributeDefinitions } from '../attributes.js';
import * as repo from './customer-imports.repo.js';
import { sniffBytes, sniffCsv, type CsvLayout } from './csv-sniff.js';
import { compilePlan } from './import-plan.js';
import { readFileStart } from './import-files.js';
import { customerImportJobName } from './import-job.js';
import { describeImport, getCustomerImport } from './read-customer-imports.js';

async function waitingImport(db: Kysely<DB>, context: WorkspaceContext, importId: string) {
  const row = await repo.findImport(db, context.workspaceId, importId);
  if (!row) throw new AppError('not_found', 'No such import in this workspace.');
  if (row.status !== 'uploaded') throw alreadyStarted();
  return row;
}

function alreadyStarted(): AppError {
  return new AppError('validation_failed', 'This import was started already; upload the file again to import it anew.', {
    issues: [{ path: [], code: 'already_started', message: 'already started', in: 'body' }],
  });
}

/** Reads the file's start again with another encoding or delimiter. */
async function resniff(
  row: repo.ImportWithJob,
  encoding: ImportEncoding,
  delimiter: ImportDelimiter | undefined,
): Promise<CsvLayout> {
  const sample = await readFileStart(row.file_path, row.bom_bytes + sniffBytes);
  return sniffCsv(sample, { encoding, delimiter, bomBytes: row.bom_bytes, fileBytes: Number(row.file_bytes) });
}

function layoutColumns(layout: CsvLayout, encoding: ImportEncoding) {
  return {
    encoding,
    delimiter: layout.delimiter,
    headers: JSON.stringify(layout.headers),
    rows_estimate: layout.rowsEstimate,
    data_offset: layout.dataOffset,
    next_offset: layout.dataOffset,
    next_line: layout.dataLine,
  };
}

/**
 * Changes how a waiting import's file is read (encoding, delimiter) and
 * returns it with the headers, suggestions and sample rows read that way.
 * Throws not_found, and validation_failed once it was started.
 */
export async function changeCustomerImportFormat(
  db: Kysely<DB>,
  context: WorkspaceContext,
  importId: string,
  input: UpdateCustomerImportInput,
): Promise<CustomerImport> {
  const row = await waitingImport(db, context, importId);
  const encoding = input.encoding ?? (row.encoding as ImportEncoding);
  const layout = await resniff(row, encoding, input.delimiter ?? (row.delimiter as ImportDelimiter));
  await repo.updateImport(db, context.workspaceId, importId, layoutColumns(layout, encoding));
  const updated = await repo.findImport(db, context.workspaceId, importId);
  return describeImport(db, updated!, layout.sampleRows);
}

/**
 * Starts an uploaded import with a mapping: checks the mapping (known
 * columns and fields, a name or identity column, the column the match rule
 * needs) and queues the import job in the same transaction. Throws not_found,
 * and validation_failed with issues for a bad mapping or a started import.
 */
export async function startCustomerImport(
  db: Kysely<DB>,
  context: WorkspaceContext,
  importId: string,
  input: StartCustomerImportInput,
): Promise<CustomerImport> {
  const row = await waitingImport(db, context, importId);
  const encoding = input.encoding ?? (row.encoding as ImportEncoding);
  const reformat = encoding !== row.encoding || (input.delimiter !== undefined && input.delimiter !== row.delimiter);
  const layout = reformat ? await resniff(row, encoding, input.delimiter ?? (row.delimiter as ImportDelimiter)) : undefined;
  const workspace = await findWorkspace(db, context.workspaceId);
  const attributes = await listAttributeDefinitions(db, context.workspaceId);
  const compiled = compilePlan(layout?.headers ?? row.headers, input.mapping, attributes, {
    matchBy: input.matchBy,
    defaultCountry: input.defaultCountry ?? workspace?.country ?? null,
  });
  if (!compiled.plan) throw new AppError('validation_failed', 'The mapping does not fit the file.', { issues: compiled.issues });
  await db.transaction().execute(async (trx) => {
    const locked = await repo.lockImport(trx, context.workspaceId, importId);
    if (locked?.status !== 'uploaded') throw alreadyStarted();
    await repo.updateImport(trx, context.workspaceId, importId, {
      ...(layout ? layoutColumns(layout, encoding) : {}),
      status: 'queued',
      mapping: JSON.stringify(input.mapping),
      match_by: input.matchBy,
      existing: input.existing,
      default_country: input.defaultCountry ?? null,
      actor_type: context.actor.type,
      actor_id: context.actor.id,
    });
    await enqueueJob(trx, {
      name: customerImportJobName,
      payload: { workspaceId: context.workspaceId, importId },
      workspaceId: context.workspaceId,
      idempotencyKey: repo.importJobKey(importId),
    });
  });
  return getCustomerImport(db, context, importId);
}
