import { sql, type Kysely } from 'kysely';
import type { CustomerRow, DB } from '@rapport/db';
import type { CustomerSummary } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { presentCustomerSummary } from './customers.presenters.js';
import * as repo from './customers.repo.js';

export interface DuplicatePair {
  customer: CustomerSummary;
  duplicate: CustomerSummary;
  /** same_name: the same name words (any order, accents ignored) with the same company or country (or neither known). */
  reason: 'same_name';
  score: number;
}

// Identities are unique per workspace, so two records of one person differ there; names tell.
const sameContext = sql<boolean>`(a.company IS NOT DISTINCT FROM b.company OR a.country IS NOT DISTINCT FROM b.country)`;

/** How many of the newest customers the workspace-wide check looks at: bounded work on any workspace size. */
const recentWindow = 2000;

/**
 * Likely duplicates among the workspace's newest customers: each of the
 * newest 2,000 with an earlier customer of the same name words (any order,
 * accents ignored) and the same company or country. Each check is one index
 * probe, so the cost does not grow with the workspace.
 */
export async function listDuplicates(db: Kysely<DB>, context: WorkspaceContext, limit: number): Promise<DuplicatePair[]> {
  const { rows } = await sql<{ a_id: string; b_id: string }>`
    SELECT a.id AS a_id, b.id AS b_id
      FROM (SELECT * FROM customers
             WHERE workspace_id = ${context.workspaceId} AND name_key <> ''
             ORDER BY created_at DESC, id DESC
             LIMIT ${recentWindow}) a
     CROSS JOIN LATERAL (
       SELECT b.id FROM customers b
        WHERE b.workspace_id = a.workspace_id AND b.name_key = a.name_key AND b.id < a.id AND ${sameContext}
        ORDER BY b.id DESC
        LIMIT 1) b
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT ${limit}`.execute(db);
  return present(
    db,
    context.workspaceId,
    rows.map((r) => ({ a: r.a_id, b: r.b_id, reason: 'same_name' as const, score: 1 })),
  );
}

/** Customers who may be the same person as this one: the same name words and the same company or country (at most 20). */
export async function findDuplicatesOf(db: Kysely<DB>, context: WorkspaceContext, customerId: string): Promise<DuplicatePair[]> {
  const customer = await repo.findCustomer(db, context.workspaceId, customerId);
  if (!customer) throw new AppError('not_found', 'No such customer in this workspace.');
  if (!customer.name_key) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT b.id FROM customers a
      JOIN customers b ON b.workspace_id = a.workspace_id AND b.name_key = a.name_key AND b.id <> a.id
     WHERE a.workspace_id = ${context.workspaceId} AND a.id = ${customerId} AND ${sameContext}
     ORDER BY (a.company IS NOT NULL AND a.company = b.company) DESC, b.created_at
     LIMIT 20`.execute(db);
  return present(
    db,
    context.workspaceId,
    rows.map((r) => ({ a: customerId, b: r.id, reason: 'same_name' as const, score: 1 })),
  );
}

async function present(
  db: Kysely<DB>,
  workspaceId: string,
  pairs: { a: string; b: string; reason: DuplicatePair['reason']; score: number }[],
): Promise<DuplicatePair[]> {
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  const identities = await repo.listIdentities(db, workspaceId, ids);
  const byId = new Map<string, CustomerRow>(rows.map((r) => [r.id, r]));
  const summary = (id: string) =>
    presentCustomerSummary(
      byId.get(id)!,
      identities.filter((i) => i.customer_id === id),
    );
  return pairs
    .filter((p) => byId.has(p.a) && byId.has(p.b))
    .map((p) => ({ customer: summary(p.a), duplicate: summary(p.b), reason: p.reason, score: p.score }));
}
