import { sql, type Kysely } from 'kysely';
import { isUniqueViolation, type DB } from '@rapport/db';
import {
  businessCalendar,
  conversationPriority,
  type BusinessCalendar,
  type BusinessCalendarResource,
  type ConversationPriority,
  type CreateBusinessCalendarInput,
  type SetSlaPoliciesInput,
  type SlaPolicy,
  type UpdateBusinessCalendarInput,
} from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { isKnownHolidayRegion } from './holidays.js';
import type { SlaTargets } from './sla-clocks.js';

/** The business hours and targets a conversation's clocks run by. */
export interface SlaSettings {
  calendar: BusinessCalendar | null;
  targets: SlaTargets | null;
}

/**
 * The two columns slaSettingsOf reads, to select beside a conversation (or
 * anything with `workspace_id`, `team_id` and `priority`) aliased `alias`:
 * its priority's targets, and its team's calendar, else the default one.
 */
export function slaSettingsColumns(alias: string) {
  const workspaceId = sql.ref(`${alias}.workspace_id`);
  return [
    sql<SlaPolicyJson | null>`(SELECT row_to_json(p) FROM sla_policies p
        WHERE p.workspace_id = ${workspaceId} AND p.priority = ${sql.ref(`${alias}.priority`)})`.as('sla_policy'),
    sql<unknown>`COALESCE(
        (SELECT b.calendar FROM teams t
           JOIN business_calendars b ON b.workspace_id = t.workspace_id AND b.id = t.calendar_id
          WHERE t.workspace_id = ${workspaceId} AND t.id = ${sql.ref(`${alias}.team_id`)}),
        (SELECT d.calendar FROM business_calendars d WHERE d.workspace_id = ${workspaceId} AND d.is_default))`.as('sla_calendar'),
  ] as const;
}

interface SlaPolicyJson {
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
}

/** The settings from the columns of slaSettingsColumns. */
export function slaSettingsOf(row: { sla_policy: SlaPolicyJson | null; sla_calendar: unknown }): SlaSettings {
  const policy = row.sla_policy;
  return {
    calendar: row.sla_calendar ? businessCalendar.parse(row.sla_calendar) : null,
    targets: policy
      ? {
          firstResponseMinutes: policy.first_response_minutes,
          nextResponseMinutes: policy.next_response_minutes,
          resolutionMinutes: policy.resolution_minutes,
        }
      : null,
  };
}

/** The business hours and targets a conversation's clocks run by: its team's calendar, else the default one. */
export async function slaSettingsFor(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
  priority: ConversationPriority,
): Promise<SlaSettings> {
  const { rows } = await sql<{ sla_policy: SlaPolicyJson | null; sla_calendar: unknown }>`
    SELECT ${sql.join(slaSettingsColumns('c'))}
      FROM (SELECT ${workspaceId}::uuid AS workspace_id, ${teamId}::uuid AS team_id, ${priority}::text AS priority) c`.execute(
    db,
  );
  return slaSettingsOf(rows[0] ?? { sla_policy: null, sla_calendar: null });
}

/** The targets of every priority (null where none is set). */
export async function listSlaPolicies(db: Kysely<DB>, context: WorkspaceContext): Promise<SlaPolicy[]> {
  const rows = await db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', context.workspaceId).execute();
  return conversationPriority.options.map((priority) => {
    const row = rows.find((r) => r.priority === priority);
    return {
      priority,
      firstResponseMinutes: row?.first_response_minutes ?? null,
      nextResponseMinutes: row?.next_response_minutes ?? null,
      resolutionMinutes: row?.resolution_minutes ?? null,
    };
  });
}

/**
 * Sets the targets of the priorities given (owners and admins); new
 * conversations and later changes use them. Throws forbidden.
 */
export async function setSlaPolicies(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: SetSlaPoliciesInput,
): Promise<SlaPolicy[]> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins set SLA targets.');
  await db.transaction().execute(async (trx) => {
    for (const policy of input.policies) {
      const values = {
        first_response_minutes: policy.firstResponseMinutes,
        next_response_minutes: policy.nextResponseMinutes,
        resolution_minutes: policy.resolutionMinutes,
      };
      await trx
        .insertInto('sla_policies')
        .values({ workspace_id: context.workspaceId, priority: policy.priority, ...values })
        .onConflict((oc) => oc.columns(['workspace_id', 'priority']).doUpdateSet(values))
        .execute();
    }
    await recordEvent(trx, context, {
      name: 'sla_policies.updated',
      subjectType: 'workspace',
      subjectId: context.workspaceId,
      data: { policies: input.policies },
    });
  });
  return listSlaPolicies(db, context);
}

function presentCalendar(row: {
  id: string;
  name: string;
  calendar: unknown;
  is_default: boolean;
  created_at: Date;
}): BusinessCalendarResource {
  return {
    id: row.id,
    name: row.name,
    calendar: businessCalendar.parse(row.calendar),
    isDefault: row.is_default,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listBusinessCalendars(db: Kysely<DB>, context: WorkspaceContext): Promise<BusinessCalendarResource[]> {
  const rows = await db
    .selectFrom('business_calendars')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(presentCalendar);
}

function checkRegion(calendar: BusinessCalendar): void {
  if (calendar.holidayCountry && !isKnownHolidayRegion(calendar.holidayCountry, calendar.holidayRegion))
    throw new AppError('unknown_holiday_region', 'No public holidays are known for this country or region.', {
      country: calendar.holidayCountry,
      region: calendar.holidayRegion,
    });
}

/** Adds business hours (owners and admins); `isDefault` makes it the workspace's default. Throws forbidden, unknown_holiday_region, validation_failed (name taken). */
export async function createBusinessCalendar(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateBusinessCalendarInput,
): Promise<BusinessCalendarResource> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins set business hours.');
  checkRegion(input.calendar);
  return db.transaction().execute(async (trx) => {
    if (input.isDefault) await clearDefault(trx, context.workspaceId);
    try {
      const row = await trx
        .insertInto('business_calendars')
        .values({
          workspace_id: context.workspaceId,
          id: newId(),
          name: input.name,
          calendar: JSON.stringify(input.calendar),
          is_default: input.isDefault,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, context, { name: 'business_calendar.created', subjectType: 'business_calendar', subjectId: row.id });
      return presentCalendar(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  });
}

/** Changes business hours (owners and admins). Throws forbidden, not_found, unknown_holiday_region, validation_failed. */
export async function updateBusinessCalendar(
  db: Kysely<DB>,
  context: WorkspaceContext,
  calendarId: string,
  input: UpdateBusinessCalendarInput,
): Promise<BusinessCalendarResource> {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins set business hours.');
  if (input.calendar) checkRegion(input.calendar);
  return db.transaction().execute(async (trx) => {
    if (input.isDefault) await clearDefault(trx, context.workspaceId);
    try {
      const row = await trx
        .updateTable('business_calendars')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.calendar !== undefined ? { calendar: JSON.stringify(input.calendar) } : {}),
          ...(input.isDefault !== undefined ? { is_default: input.isDefault } : {}),
        })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', calendarId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No such business calendar in this workspace.');
      await recordEvent(trx, context, { name: 'business_calendar.updated', subjectType: 'business_calendar', subjectId: row.id });
      return presentCalendar(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name ?? '');
      throw error;
    }
  });
}

async function clearDefault(db: Executor, workspaceId: string): Promise<void> {
  await db
    .updateTable('business_calendars')
    .set({ is_default: false })
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .execute();
}

function nameTaken(name: string): AppError {
  return new AppError('validation_failed', `Business hours called "${name}" exist already.`, {
    issues: [{ path: ['name'], code: 'name_taken', message: 'a calendar has this name', in: 'body' }],
  });
}
