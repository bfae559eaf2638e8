import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import { runCustomerImport } from './run-customer-import.js';

export const customerImportJobName = 'customers.import_csv';

/**
 * Imports an uploaded, started CSV file (see runCustomerImport). Idempotent:
 * a run after a crash resumes from the import's checkpoint, and a finished
 * import is left alone. `batchSize` (rows per transaction) is for tests.
 */
export const customerImportJob = defineJob({
  name: customerImportJobName,
  payload: z.object({
    workspaceId: z.uuid(),
    importId: z.uuid(),
    batchSize: z.number().int().min(1).max(20_000).optional(),
  }),
  async handle(payload, context) {
    await runCustomerImport(context, payload);
  },
});
