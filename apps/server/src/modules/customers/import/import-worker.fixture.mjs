// A customer-import worker in its own process, for the kill -9 test. It runs the
// real import job with small batches; after each batch's checkpoint update (the
// batch's customers written, nothing committed yet) it prints IN_BATCH <n>, and
// in batch HOLD_AT it waits there, so the test can kill it at exactly that point.
// It exits once no import job is left to do.
import { sql } from 'kysely';
import { openDatabase } from '@rapport/db';
import { JobWorker } from '../../../platform/jobs/worker.js';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import { createLogger } from '../../../platform/logger.js';
import { customerImportJob } from './import-job.js';
import { runCustomerImport } from './run-customer-import.js';

const holdAt = Number(process.env.HOLD_AT ?? 0);
const batchSize = Number(process.env.BATCH_SIZE ?? 10);
const database = await openDatabase({ url: process.env.TEST_DB_URL, dataDir: process.env.TEST_DATA_DIR });
const logger = createLogger({ log: { level: 'warn', format: 'json' } });

let batches = 0;
const checkpoints = new Set();
const db = database.db.withPlugin({
  transformQuery({ node, queryId }) {
    // The checkpoint: UPDATE customer_imports … RETURNING.
    if (node.kind === 'UpdateQueryNode' && node.returning && JSON.stringify(node.table).includes('customer_imports')) {
      checkpoints.add(queryId.queryId);
    }
    return node;
  },
  async transformResult({ queryId, result }) {
    if (checkpoints.delete(queryId.queryId)) {
      process.stdout.write(`IN_BATCH ${++batches}\n`);
      if (batches === holdAt) await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
    return result;
  },
});

const worker = new JobWorker(database, logger, {
  concurrency: 1,
  pollMs: 50,
  leaseSeconds: Number(process.env.LEASE_SECONDS ?? 1),
  retryDelaySeconds: () => 0,
});
worker.register(
  defineJob({
    ...customerImportJob,
    handle: (payload, context) => runCustomerImport({ ...context, db }, { ...payload, batchSize }),
  }),
);
await worker.start();

// One check at a time: overlapping checks raced the close (a late query on a destroyed driver made the
// process exit with 1 after the import had finished).
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const { rows } =
    await sql`SELECT count(*)::int AS n FROM jobs WHERE name = ${customerImportJob.name} AND status <> 'done'`.execute(
      database.db,
    );
  if (Number(rows[0]?.n) === 0) break;
}
await worker.stop();
await database.close();
process.exit(0);
