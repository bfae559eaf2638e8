import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCustomerViewInput, customerView, errorResponse, id, updateCustomerViewInput } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { createCustomerView, deleteCustomerView, listCustomerViews, updateCustomerView } from './customer-views.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const tags = ['Customer views'];
const viewParams = z.strictObject({ viewId: id });

export function registerCustomerViewRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/customer-views',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Saved views of the customer list you see: your own and the shared ones, by name',
        description:
          'A view is a name and the filters and sort of `GET /customers` (the same parameters and rules). API tokens see the ' +
          'shared views.',
        response: { 200: z.object({ items: z.array(customerView) }), ...errors },
      },
    },
    async (request) => ({ items: await listCustomerViews(services.db, workspaceContext(request)) }),
  );

  app.post(
    '/customer-views',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Save filters of the customer list as a view, personal or shared with the workspace',
        description:
          'Signed-in people only (a view has an owner). The name must differ, ignoring case, from your views and the shared ' +
          'ones (`view_name_taken`).',
        body: createCustomerViewInput,
        response: { 201: customerView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomerView(services.db, workspaceContext(request), request.body)),
  );

  app.patch(
    '/customer-views/:viewId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Rename a view, replace its filters, or share or unshare it',
        description: 'Your own views; a shared view also by an owner or admin of the workspace (`forbidden` otherwise).',
        params: viewParams,
        body: updateCustomerViewInput,
        response: { 200: customerView, ...errors },
      },
    },
    async (request) => updateCustomerView(services.db, workspaceContext(request), request.params.viewId, request.body),
  );

  app.delete(
    '/customer-views/:viewId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Delete a view (the same rules as changing it)',
        params: viewParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteCustomerView(services.db, workspaceContext(request), request.params.viewId);
      return reply.status(204).send(null);
    },
  );
}
