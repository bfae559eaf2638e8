import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DB, Job } from '@rapport/db';
import { createFreshDatabase } from '../../../../test/database.js';
import { createWorkspace } from '../../../../test/factories.js';
import type { WorkspaceContext } from '../../../platform/context.js';
import type { JobContext } from '../../../platform/jobs/job-definition.js';
import { createLogger } from '../../../platform/logger.js';
import { createCustomer } from '../create-customer.js';
import { runCustomerImport } from './run-customer-import.js';
import { startCustomerImport } from './start-customer-import.js';
import { uploadCustomerImport } from './upload-customer-import.js';

const dataDir = mkdtemp(join(tmpdir(), 'rapport-batches-'));
afterAll(async () => rm(await dataDir, { recursive: true, force: true }));

function jobContext(db: Kysely<DB>): JobContext {
  return {
    job: { attempts: 1, max_attempts: 10 } as Job,
    db,
    logger: createLogger({ log: { level: 'silent', format: 'json' } }),
    signal: new AbortController().signal,
    complete: (work) => db.transaction().execute(work),
  };
}

describe('batches in flight together', () => {
  it('update one customer from neighbouring batches, and see each other’s rows, in file order', async () => {
    // A fresh database: no other test file's worker takes this import's job.
    const fresh = await createFreshDatabase();
    const db = fresh.database.db;
    const { workspaceId, owner } = await createWorkspace(db);
    const context: WorkspaceContext = { workspaceId, actor: { type: 'user', id: owner.userId }, role: 'owner' };
    const kata = await createCustomer(db, context, {
      givenName: 'Kata',
      identities: [
        { kind: 'email', value: 'kata@example.hu' },
        { kind: 'phone', value: '+36 30 111 2222' },
      ],
    });
    // Batches of two: [2, 3] [4, 5] [6, 7] [8]. Lines 2 and 4 reach Kata by different identities (no shared key);
    // line 6 repeats line 5's email from the batch just before.
    const file = [
      'Email,Phone,Tags,Company',
      'kata@example.hu,,from-email,',
      'anna@example.hu,,,',
      ',06 30 111 2222,from-phone,Kata Kft.',
      'bela@example.hu,,,',
      'BELA@example.hu,+36 30 333 4444,again,',
      'cili@example.hu,,,',
      'dora@example.hu,,,',
    ].join('\n');
    const uploaded = await uploadCustomerImport(db, context, {
      body: Readable.from([file]),
      fileName: 'x.csv',
      dataDir: await dataDir,
    });
    await startCustomerImport(db, context, uploaded.id, {
      mapping: uploaded.suggestedMapping,
      matchBy: 'email_or_phone',
      existing: 'update',
    });
    await runCustomerImport(jobContext(db), { workspaceId, importId: uploaded.id, batchSize: 2 });

    const row = await db.selectFrom('customer_imports').selectAll().where('id', '=', uploaded.id).executeTakeFirstOrThrow();
    expect([row.status, row.rows_done, row.rows_created, row.rows_updated, row.rows_failed]).toEqual(['done', 7, 4, 3, 0]);
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'tags', 'company'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(customers).toHaveLength(5);
    expect(customers.find((c) => c.id === kata.id)).toMatchObject({ tags: ['from-email', 'from-phone'], company: 'Kata Kft.' });
    const bela = await db
      .selectFrom('customer_identities')
      .select(['customer_id', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('value', 'in', ['bela@example.hu', '+36303334444'])
      .execute();
    expect(new Set(bela.map((i) => i.customer_id)).size).toBe(1);
    await fresh.drop();
  });
});
