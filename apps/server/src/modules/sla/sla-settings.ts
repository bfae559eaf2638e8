import type { Kysely } from 'kysely';
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

/** The business hours and targets a conversation's clocks run by: its team's calendar, else the default one. */
export async function slaSettingsFor(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
  priority: ConversationPriority,
): Promise<{ calendar: BusinessCalendar | null; targets: SlaTargets | null }> {
  // One round trip: the priority's targets and the calendar (the team's, else the default one).
  const row = await db
    .selectFrom('workspaces as w')
    .leftJoin('sla_policies as p', (join) => join.onRef('p.workspace_id', '=', 'w.id').on('p.priority', '=', priority))
    .select((eb) => [
      'p.priority',
      'p.first_response_minutes',
      'p.next_response_minutes',
      'p.resolution_minutes',
      eb.fn
        .coalesce(
          teamId
            ? eb
                .selectFrom('teams as t')
                .innerJoin('business_calendars as b', (j) =>
                  j.onRef('b.workspace_id', '=', 't.workspace_id').onRef('b.id', '=', 't.calendar_id'),
                )
                .select('b.calendar')
                .where('t.workspace_id', '=', workspaceId)
                .where('t.id', '=', teamId)
            : eb.val(null),
          eb
            .selectFrom('business_calendars as d')
            .select('d.calendar')
            .where('d.workspace_id', '=', workspaceId)
            .where('d.is_default', '=', true),
        )
        .as('calendar'),
    ])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  const policy = row?.priority ? row : undefined;
  const calendarRow = row?.calendar ? { calendar: row.calendar } : undefined;
  return {
    calendar: calendarRow ? businessCalendar.parse(calendarRow.calendar) : null,
    targets: policy
      ? {
          firstResponseMinutes: policy.first_response_minutes,
          nextResponseMinutes: policy.next_response_minutes,
          resolutionMinutes: policy.resolution_minutes,
        }
      : null,
  };
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
