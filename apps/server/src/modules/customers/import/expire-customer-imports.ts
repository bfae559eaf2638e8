import { rm } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import { errorReportPath } from './error-report.js';

/** An upload nobody started within this long is abandoned. */
export const abandonedUploadHours = 24;
/** Finished imports (and their error reports) are kept this long. */
export const keepFinishedImportsDays = 30;

/**
 * Removes abandoned uploads and finished imports past their keeping time:
 * the rows first (committed), then their files, so no listed import ever
 * points at a missing file; a file left by a failed removal is only disk
 * space. Imports still queued or running are never touched. The customers an
 * import wrote, and its `customer.imported` audit event, stay.
 */
export async function expireCustomerImports(db: Kysely<DB>): Promise<{ removed: number }> {
  const removed = await db
    .deleteFrom('customer_imports')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'uploaded'),
          eb('created_at', '<', sql<Date>`now() - ${`${abandonedUploadHours} hours`}::interval`),
        ]),
        eb.and([
          eb('status', 'in', ['done', 'failed']),
          eb('finished_at', '<', sql<Date>`now() - ${`${keepFinishedImportsDays} days`}::interval`),
        ]),
      ]),
    )
    .returning('file_path')
    .execute();
  for (const { file_path } of removed) {
    await rm(file_path, { force: true });
    await rm(errorReportPath(file_path), { force: true });
  }
  return { removed: removed.length };
}
