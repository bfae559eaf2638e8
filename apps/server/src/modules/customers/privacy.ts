import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@rapport/db';
import { recordEvent } from '../../platform/events.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { getCustomer } from './list-customers.js';
import { listNotes, listNoteRevisions } from './notes.js';
import { listFacts } from './facts.js';
import { getTimeline } from './timeline.js';
import { getCustomerRow } from './merge-customers.js';

/**
 * What other modules do when a customer is erased: remove or anonymise their
 * own personal data about the customer, in the erasing transaction.
 */
export type ErasureHandler = (trx: Transaction<DB>, workspaceId: string, customerId: string) => Promise<void>;
const erasureHandlers: ErasureHandler[] = [];

export function registerErasureHandler(handler: ErasureHandler): void {
  erasureHandlers.push(handler);
}

/** A part of the customer's data export that another module holds (their conversations, orders …). */
export type ExportSection = (db: Kysely<DB>, workspaceId: string, customerId: string) => Promise<unknown>;
const exportSections = new Map<string, ExportSection>();

/** Adds a section (under `key`) to every customer's data export. */
export function registerExportSection(key: string, section: ExportSection): void {
  exportSections.set(key, section);
}

/** Everything Rapport holds about one customer, as one JSON document (GDPR access and portability). */
export async function exportCustomerData(db: Kysely<DB>, context: WorkspaceContext, customerId: string) {
  const customer = await getCustomer(db, context, customerId);
  const notes = await listNotes(db, context, customer.id);
  const timeline = [];
  let cursor: string | undefined;
  do {
    const page = await getTimeline(db, context, customer.id, { limit: 200, cursor });
    timeline.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    exportedAt: new Date().toISOString(),
    customer,
    notes: await Promise.all(
      notes.map(async (note) => ({ ...note, earlierVersions: await listNoteRevisions(db, context, customer.id, note.id) })),
    ),
    personalDetails: await listFacts(db, context, customer.id),
    timeline,
    ...Object.fromEntries(
      await Promise.all(
        [...exportSections].map(async ([key, section]) => [key, await section(db, context.workspaceId, customer.id)] as const),
      ),
    ),
  };
}

/**
 * Erases a customer: the profile, identities, notes (and their history),
 * personal details and search entry are deleted, other modules' data is
 * erased by their handlers, and the audit log keeps only that it happened,
 * who did it and when (`customer.erased`), never what was erased. Throws
 * not_found.
 */
export async function eraseCustomer(db: Kysely<DB>, context: WorkspaceContext, givenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // An id merged away erases the kept customer: the merge made them one person.
    const customerId = (await getCustomerRow(trx, context.workspaceId, givenId, { lock: true })).id;
    for (const handler of erasureHandlers) await handler(trx, context.workspaceId, customerId);
    const merged = await trx
      .selectFrom('customer_merges')
      .select('source_id')
      .where('workspace_id', '=', context.workspaceId)
      .where('target_id', '=', customerId)
      .execute();
    const subjects = [customerId, ...merged.map((m) => m.source_id)];
    // Earlier audit entries about the person say only which fields changed; they go too, with the redirects.
    await trx
      .deleteFrom('events')
      .where('workspace_id', '=', context.workspaceId)
      .where('subject_type', '=', 'customer')
      .where('subject_id', 'in', subjects)
      .execute();
    await trx
      .deleteFrom('customer_merges')
      .where('workspace_id', '=', context.workspaceId)
      .where('target_id', '=', customerId)
      .execute();
    // Identities, notes, note history and personal details cascade.
    await trx.deleteFrom('customers').where('workspace_id', '=', context.workspaceId).where('id', '=', customerId).execute();
    await recordEvent(trx, context, { name: 'customer.erased', subjectType: 'customer', subjectId: customerId, data: {} });
  });
}
