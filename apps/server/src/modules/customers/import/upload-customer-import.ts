import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { CustomerImport } from '@rapport/contracts';
import type { WorkspaceContext } from '../../../platform/context.js';
import { newId } from '../../../platform/ids.js';
import * as repo from './customer-imports.repo.js';
import { sniffCsv } from './csv-sniff.js';
import { detectEncoding } from './encoding.js';
import { importSourcePath, saveUpload } from './import-files.js';
import { describeImport } from './read-customer-imports.js';

/**
 * Receives a CSV file as a stream and keeps it under the data folder, then
 * detects its encoding, delimiter and header and suggests a mapping. Nothing
 * is imported until the import is started. Throws payload_too_large (over
 * 1 GiB) and validation_failed (empty, no header, UTF-16).
 */
export async function uploadCustomerImport(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: { body: Readable; fileName: string | undefined; dataDir: string },
): Promise<CustomerImport> {
  const id = newId();
  const path = importSourcePath(input.dataDir, context.workspaceId, id);
  const { bytes, sample } = await saveUpload(input.body, path);
  try {
    const { encoding, bomBytes } = detectEncoding(sample);
    const layout = sniffCsv(sample, { encoding, bomBytes, fileBytes: bytes });
    await repo.insertImport(db, {
      workspace_id: context.workspaceId,
      id,
      file_name: input.fileName ? basename(input.fileName).slice(0, 255) : null,
      file_path: path,
      file_bytes: bytes,
      encoding,
      delimiter: layout.delimiter,
      bom_bytes: bomBytes,
      headers: JSON.stringify(layout.headers),
      rows_estimate: layout.rowsEstimate,
      data_offset: layout.dataOffset,
      next_offset: layout.dataOffset,
      next_line: layout.dataLine,
    });
    const row = await repo.findImport(db, context.workspaceId, id);
    return await describeImport(db, row!, layout.sampleRows);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}
