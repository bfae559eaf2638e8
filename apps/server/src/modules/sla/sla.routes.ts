import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  businessCalendarResource,
  createBusinessCalendarInput,
  errorResponse,
  id,
  setSlaPoliciesInput,
  slaPolicy,
  updateBusinessCalendarInput,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import {
  createBusinessCalendar,
  listBusinessCalendars,
  listSlaPolicies,
  setSlaPolicies,
  updateBusinessCalendar,
} from './sla-settings.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse };
const tags = ['SLA'];

/** SLA targets and business hours under /api/v1. */
export function registerSlaRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const workspace = { auth: 'workspace' } as const;
  const policies = z.object({ items: z.array(slaPolicy) });

  app.get(
    '/sla-policies',
    {
      config: workspace,
      schema: { tags, summary: 'SLA targets by priority (business minutes)', response: { 200: policies, ...errors } },
    },
    async (request) => ({ items: await listSlaPolicies(services.db, workspaceContext(request)) }),
  );
  app.put(
    '/sla-policies',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Set the SLA targets of priorities (owners and admins)',
        body: setSlaPoliciesInput,
        response: { 200: policies, ...errors },
      },
    },
    async (request) => ({ items: await setSlaPolicies(services.db, workspaceContext(request), request.body) }),
  );
  app.get(
    '/business-calendars',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Business hours: time zone, weekly hours, public holidays, overrides',
        response: { 200: z.object({ items: z.array(businessCalendarResource) }), ...errors },
      },
    },
    async (request) => ({ items: await listBusinessCalendars(services.db, workspaceContext(request)) }),
  );
  app.post(
    '/business-calendars',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Add business hours for a region or team (owners and admins)',
        description:
          'SLA clocks run only while the calendar is open. `isDefault`: the calendar of conversations whose team has none.',
        body: createBusinessCalendarInput,
        response: { 201: businessCalendarResource, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBusinessCalendar(services.db, workspaceContext(request), request.body)),
  );
  app.patch(
    '/business-calendars/:calendarId',
    {
      config: workspace,
      schema: {
        tags,
        summary: 'Change business hours',
        params: z.strictObject({ calendarId: id }),
        body: updateBusinessCalendarInput,
        response: { 200: businessCalendarResource, ...errors },
      },
    },
    async (request) => updateBusinessCalendar(services.db, workspaceContext(request), request.params.calendarId, request.body),
  );
}
