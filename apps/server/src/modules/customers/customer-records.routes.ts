import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customer,
  duplicateDismissal,
  duplicateDismissalInput,
  duplicateListQuery,
  duplicatePage,
  duplicatePair,
  errorResponse,
  fact,
  id,
  note,
  noteRevision,
  timelineEntry,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { managerRoles } from '../workspaces/workspaces.policy.js';
import { dismissDuplicate, undoDuplicateDismissal } from './duplicate-dismissals.js';
import { findDuplicatesOf, listDuplicates } from './duplicates.js';
import { mergeCustomers } from './merge-customers.js';
import { eraseCustomer, exportCustomerData } from './privacy.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const customerParams = z.strictObject({ customerId: id });

/** Duplicates and merging; data export and erasure (GDPR). */
export function registerCustomerRecordRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/customers/duplicates',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Customer duplicates'],
        summary:
          'Likely duplicates, newest customers first: the same mailbox or phone number, or the same or a similar name with the same company or country',
        description:
          'Each page checks a bounded number of customers (newest first, each against older ones) and may hold fewer than `limit` pairs; follow `nextCursor` to check older customers. Pairs marked "not the same person" are left out.',
        querystring: duplicateListQuery,
        response: { 200: duplicatePage, ...errors },
      },
    },
    async (request) => listDuplicates(services.db, workspaceContext(request), request.query),
  );

  app.post(
    '/customers/duplicates/dismissals',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Customer duplicates'],
        summary: 'Mark two customers as not the same person (they are no longer listed as likely duplicates)',
        body: duplicateDismissalInput,
        response: { 200: duplicateDismissal, 201: duplicateDismissal, ...errors },
      },
    },
    async (request, reply) => {
      const { dismissal, isNew } = await dismissDuplicate(services.db, workspaceContext(request), request.body);
      return reply.status(isNew ? 201 : 200).send(dismissal);
    },
  );

  app.delete(
    '/customers/duplicates/dismissals/:customerId/:duplicateId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Customer duplicates'],
        summary: 'Undo "not the same person" for two customers (either order)',
        params: z.strictObject({ customerId: id, duplicateId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await undoDuplicateDismissal(services.db, workspaceContext(request), request.params.customerId, request.params.duplicateId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/customers/:customerId/duplicates',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Customer duplicates'],
        summary: 'Customers who may be the same person as this one (same mailbox or phone number, same or similar name)',
        params: customerParams,
        response: { 200: z.object({ items: z.array(duplicatePair) }), ...errors },
      },
    },
    async (request) => ({ items: await findDuplicatesOf(services.db, workspaceContext(request), request.params.customerId) }),
  );

  app.post(
    '/customers/:customerId/merge',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Customer duplicates'],
        summary:
          'Merge another customer into this one (identities, notes, details and timeline move here; the other id redirects)',
        params: customerParams,
        body: z.strictObject({ sourceId: id }),
        response: { 200: customer, ...errors },
      },
    },
    async (request) => mergeCustomers(services.db, workspaceContext(request), request.params.customerId, request.body.sourceId),
  );

  app.get(
    '/customers/:customerId/export',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Customer privacy'],
        summary: "Everything held about the customer, as JSON (the data subject's copy)",
        params: customerParams,
        response: {
          // Other modules add their sections (conversations …) under their own keys.
          200: z
            .object({
              exportedAt: z.string(),
              customer,
              notes: z.array(note.extend({ earlierVersions: z.array(noteRevision) })),
              personalDetails: z.array(fact),
              timeline: z.array(timelineEntry),
            })
            .catchall(z.unknown()),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const data = await exportCustomerData(services.db, workspaceContext(request), request.params.customerId);
      void reply.header('content-disposition', `attachment; filename="customer-${data.customer.id}.json"`);
      return data;
    },
  );

  app.delete(
    '/customers/:customerId',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Customer privacy'],
        summary: 'Erase a customer and their personal data everywhere (the audit log keeps who and when)',
        params: customerParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await eraseCustomer(services.db, workspaceContext(request), request.params.customerId);
      return reply.status(204).send(null);
    },
  );
}
