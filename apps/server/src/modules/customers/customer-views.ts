import { sql, type Kysely } from 'kysely';
import { isUniqueViolation, type CustomerViewVisibility, type DB, type Role } from '@rapport/db';
import {
  customerViewFilters,
  type CreateCustomerViewInput,
  type CustomerView,
  type CustomerViewFilters,
  type UpdateCustomerViewInput,
} from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { managerRoles } from '../workspaces/workspaces.policy.js';
import { resolveListFilters } from './list-filters.js';

/** The first key of the advisory lock that serialises name checks of one workspace's views. */
const nameLockClass = 20_261_125;
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

interface ViewAccess {
  owner_id: string;
  visibility: CustomerViewVisibility;
}

/** The signed-in person acting, or null for an API token or the system (they own no views). */
function actingUserId(context: WorkspaceContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

/** Whether a person sees a view: their own, or one shared with the workspace. */
export function canSeeView(userId: string | null, view: ViewAccess): boolean {
  return view.visibility === 'shared' || view.owner_id === userId;
}

/** Whether a person may change or delete a view: its owner, or a workspace owner/admin for a shared view. */
export function canEditView(userId: string | null, role: Role, view: ViewAccess): boolean {
  if (view.owner_id === userId) return true;
  return view.visibility === 'shared' && (managerRoles as readonly Role[]).includes(role);
}

/** The name as compared for uniqueness: case and runs of spaces ignored, the same on every engine. */
export function viewNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Filters as stored: the ones in use only, no empty values. */
function compactFilters(filters: CustomerViewFilters): CustomerViewFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(
      ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/** Stored filters as the API shows them: what still passes today's rules (a retired or malformed filter is left out). */
function readFilters(stored: Record<string, unknown>): CustomerViewFilters {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(customerViewFilters.shape) as (keyof CustomerViewFilters)[]) {
    const parsed = customerViewFilters.shape[key].safeParse(stored[key]);
    if (parsed.success && parsed.data) result[key] = parsed.data;
  }
  return result;
}

function viewsQuery(db: Executor, workspaceId: string) {
  return db
    .selectFrom('customer_views as v')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .select(['v.id', 'v.owner_id', 'v.name', 'v.visibility', 'v.filters', 'v.created_at', 'v.updated_at', 'u.name as owner_name'])
    .where('v.workspace_id', '=', workspaceId);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewsQuery>['executeTakeFirstOrThrow']>>;

function presentView(row: ViewRow, context: WorkspaceContext): CustomerView {
  return {
    id: row.id,
    name: row.name,
    filters: readFilters(row.filters),
    visibility: row.visibility,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    canEdit: canEditView(actingUserId(context), context.role, row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function presentById(db: Executor, context: WorkspaceContext, viewId: string): Promise<CustomerView> {
  const row = await viewsQuery(db, context.workspaceId).where('v.id', '=', viewId).executeTakeFirstOrThrow();
  return presentView(row, context);
}

/**
 * Throws view_name_taken when a view the owner or the acting person sees (their
 * own, or a shared one) already has this name. Holds a per-workspace lock to the
 * end of the transaction, so two saves cannot both pass.
 */
async function assertNameFree(
  trx: Executor,
  context: WorkspaceContext,
  view: { name: string; ownerId: string; excludeId?: string },
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${nameLockClass}, hashtext(${context.workspaceId}))`.execute(trx);
  const userId = actingUserId(context);
  const owners = userId && userId !== view.ownerId ? [view.ownerId, userId] : [view.ownerId];
  let query = trx
    .selectFrom('customer_views')
    .select(['id', 'owner_id', 'visibility'])
    .where('workspace_id', '=', context.workspaceId)
    .where('name_key', '=', viewNameKey(view.name))
    .where((eb) => eb.or([eb('visibility', '=', 'shared'), eb('owner_id', 'in', owners)]));
  if (view.excludeId) query = query.where('id', '<>', view.excludeId);
  const taken = await query.executeTakeFirst();
  if (taken) throw nameTaken(view.name, canSeeView(userId, taken) ? taken.id : undefined);
}

function nameTaken(name: string, viewId?: string): AppError {
  return new AppError('view_name_taken', `A view named "${name}" exists already.`, viewId ? { viewId } : undefined);
}

/** The customer-list views the caller sees (their own and the shared ones), by name. */
export async function listCustomerViews(db: Kysely<DB>, context: WorkspaceContext): Promise<CustomerView[]> {
  const userId = actingUserId(context);
  const rows = await viewsQuery(db, context.workspaceId)
    .where((eb) =>
      userId ? eb.or([eb('v.owner_id', '=', userId), eb('v.visibility', '=', 'shared')]) : eb('v.visibility', '=', 'shared'),
    )
    .execute();
  rows.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  return rows.map((row) => presentView(row, context));
}

/**
 * Saves the list's filters and sort under a name, owned by the signed-in
 * person. Throws forbidden for an API token (views belong to people),
 * view_name_taken when a view they see has the name, and validation_failed
 * for filters the list would refuse (see resolveListFilters).
 */
export async function createCustomerView(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateCustomerViewInput,
): Promise<CustomerView> {
  const userId = actingUserId(context);
  if (!userId) throw new AppError('forbidden', 'Saved views belong to a person: sign in to save one.');
  await resolveListFilters(db, context.workspaceId, input.filters, { in: 'body', path: ['filters'] });
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, context, { name: input.name, ownerId: userId });
    const id = newId();
    try {
      await trx
        .insertInto('customer_views')
        .values({
          workspace_id: context.workspaceId,
          id,
          owner_id: userId,
          name: input.name,
          name_key: viewNameKey(input.name),
          visibility: input.visibility,
          filters: JSON.stringify(compactFilters(input.filters)),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
    await recordEvent(trx, context, {
      name: 'customer_view.created',
      subjectType: 'customer_view',
      subjectId: id,
      data: { name: input.name, visibility: input.visibility },
    });
    return presentById(trx, context, id);
  });
}

/** A view the caller sees and may change, locked for the transaction; not_found or forbidden otherwise. */
async function getEditableView(trx: Executor, context: WorkspaceContext, viewId: string) {
  const row = await trx
    .selectFrom('customer_views')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .where('id', '=', viewId)
    .forUpdate()
    .executeTakeFirst();
  const userId = actingUserId(context);
  if (!row || !canSeeView(userId, row)) throw new AppError('not_found', 'No such view of the customer list.');
  if (!canEditView(userId, context.role, row))
    throw new AppError('forbidden', 'Only its owner, or an owner or admin of the workspace, may change a shared view.');
  return row;
}

/**
 * Renames a view, replaces its filters or changes who sees it. Throws
 * not_found (unknown, or another person's personal view), forbidden (a shared
 * view the caller neither owns nor administers), view_name_taken and
 * validation_failed for filters the list would refuse.
 */
export async function updateCustomerView(
  db: Kysely<DB>,
  context: WorkspaceContext,
  viewId: string,
  input: UpdateCustomerViewInput,
): Promise<CustomerView> {
  if (input.filters) await resolveListFilters(db, context.workspaceId, input.filters, { in: 'body', path: ['filters'] });
  return db.transaction().execute(async (trx) => {
    const row = await getEditableView(trx, context, viewId);
    const before = { name: row.name, visibility: row.visibility, filters: readFilters(row.filters) };
    const after = {
      name: input.name ?? row.name,
      visibility: input.visibility ?? row.visibility,
      filters: input.filters ? compactFilters(input.filters) : before.filters,
    };
    const fields = (['name', 'visibility', 'filters'] as const).filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    );
    if (fields.length === 0) return presentById(trx, context, viewId);
    if (viewNameKey(after.name) !== row.name_key || after.visibility !== row.visibility) {
      await assertNameFree(trx, context, { name: after.name, ownerId: row.owner_id, excludeId: viewId });
    }
    try {
      await trx
        .updateTable('customer_views')
        .set({
          name: after.name,
          name_key: viewNameKey(after.name),
          visibility: after.visibility,
          filters: JSON.stringify(after.filters),
          updated_at: new Date(),
        })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', viewId)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(after.name);
      throw error;
    }
    // Filter values may hold what someone searched for (a customer's name): the audit log names the field only.
    const summary = (values: typeof before) =>
      Object.fromEntries(fields.filter((field) => field !== 'filters').map((field) => [field, values[field]]));
    await recordEvent(trx, context, {
      name: 'customer_view.updated',
      subjectType: 'customer_view',
      subjectId: viewId,
      data: { name: after.name, fields, before: summary(before), after: summary(after) },
    });
    return presentById(trx, context, viewId);
  });
}

/** Deletes a view; the same not_found and forbidden rules as changing it. */
export async function deleteCustomerView(db: Kysely<DB>, context: WorkspaceContext, viewId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getEditableView(trx, context, viewId);
    await trx.deleteFrom('customer_views').where('workspace_id', '=', context.workspaceId).where('id', '=', viewId).execute();
    await recordEvent(trx, context, {
      name: 'customer_view.deleted',
      subjectType: 'customer_view',
      subjectId: viewId,
      data: { name: row.name, visibility: row.visibility },
    });
  });
}
