import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attributeDefinition,
  attributeDefinitionInput,
  attributeKey,
  createCustomerInput,
  cursorQuery,
  customer,
  customerListQuery,
  customerSummary,
  errorResponse,
  id,
  identityInput,
  identityKind,
  page,
  timelineEntry,
  updateAttributeDefinitionInput,
  updateCustomerInput,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { managerRoles } from '../workspaces/workspaces.policy.js';
import { createCustomer } from './create-customer.js';
import { addCustomerIdentity, removeCustomerIdentity, updateCustomer } from './update-customer.js';
import { findCustomerByIdentity, getCustomer, listCustomers } from './list-customers.js';
import {
  createAttributeDefinition,
  deleteAttributeDefinition,
  listAttributeDefinitions,
  updateAttributeDefinition,
} from './attributes.js';
import { getTimeline } from './timeline.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const tags = ['Customers'];
const customerParams = z.strictObject({ customerId: id });
const attributeParams = z.strictObject({ key: attributeKey });

export function registerCustomerRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/customers',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'List or search customers',
        description:
          'Without `q`: filtered, sorted by `sort` (`created`, `name` — family name first, accents ignored — or ' +
          '`last_contacted`, never-contacted customers last when newest first) and `order`, newest first by default, paged by ' +
          'cursor. Filters: tag, country, language, company (the whole name; case and accents ignored), formality, timeZone, ' +
          'consent (`yes`, `no`, `unknown`), createdFrom/createdBefore, lastContactedFrom/lastContactedBefore (from included, ' +
          'before not), and `attribute=key:value` (repeatable; text, choice and boolean equal the value; number and date take ' +
          'a value or a range `min..max`, either end open). With `q`: search by any part of the name in any order, email, ' +
          'phone in any format, company or tag; accents, case and Turkish/Uzbek/German spelling variants are ignored and small ' +
          'typos tolerated; exact email or phone matches come first. Search takes the same filters but no sort ' +
          '(`sort_with_search`), and pages through the best 1,000 matches.',
        querystring: customerListQuery,
        response: { 200: page(customerSummary), ...errors },
      },
    },
    async (request) => listCustomers(services.db, workspaceContext(request), request.query),
  );

  app.post(
    '/customers',
    {
      config: { auth: 'workspace' },
      schema: { tags, summary: 'Create a customer', body: createCustomerInput, response: { 201: customer, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await createCustomer(services.db, workspaceContext(request), request.body)),
  );

  app.get(
    '/customers/lookup',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Find the customer an identity belongs to (email, phone in any format, channel id)',
        querystring: z.strictObject({ kind: identityKind, value: z.string().min(1).max(320) }),
        response: { 200: customer, ...errors },
      },
    },
    async (request) => findCustomerByIdentity(services.db, workspaceContext(request), request.query.kind, request.query.value),
  );

  app.get(
    '/customers/:customerId',
    {
      config: { auth: 'workspace' },
      schema: { tags, summary: 'A customer', params: customerParams, response: { 200: customer, ...errors } },
    },
    async (request) => getCustomer(services.db, workspaceContext(request), request.params.customerId),
  );

  app.patch(
    '/customers/:customerId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Change profile fields (null clears)',
        params: customerParams,
        body: updateCustomerInput,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => updateCustomer(services.db, workspaceContext(request), request.params.customerId, request.body),
  );

  app.post(
    '/customers/:customerId/identities',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Add an email, phone or channel id',
        params: customerParams,
        body: identityInput,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => addCustomerIdentity(services.db, workspaceContext(request), request.params.customerId, request.body),
  );

  app.delete(
    '/customers/:customerId/identities/:identityId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Remove an identity',
        params: z.strictObject({ customerId: id, identityId: id }),
        response: { 200: customer, ...errors },
      },
    },
    async (request) =>
      removeCustomerIdentity(services.db, workspaceContext(request), request.params.customerId, request.params.identityId),
  );

  app.get(
    '/customers/:customerId/timeline',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: "The customer's timeline, newest first",
        params: customerParams,
        querystring: cursorQuery,
        response: { 200: page(timelineEntry), ...errors },
      },
    },
    async (request) => getTimeline(services.db, workspaceContext(request), request.params.customerId, request.query),
  );

  app.get(
    '/customer-attributes',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Custom attributes defined for customers',
        response: { 200: z.object({ items: z.array(attributeDefinition) }), ...errors },
      },
    },
    async (request) => ({ items: await listAttributeDefinitions(services.db, workspaceContext(request).workspaceId) }),
  );

  app.post(
    '/customer-attributes',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags,
        summary: 'Define a custom attribute',
        body: attributeDefinitionInput,
        response: { 201: attributeDefinition, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAttributeDefinition(services.db, workspaceContext(request), request.body)),
  );

  app.patch(
    '/customer-attributes/:key',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags,
        summary: "Change a custom attribute's label or choices",
        description:
          'The key and the type stay as created (`attribute_type_fixed`). Removing a choice that customers have is refused ' +
          '(`attribute_choice_in_use`, with `details.choices` and `details.customerCount`).',
        params: attributeParams,
        body: updateAttributeDefinitionInput,
        response: { 200: attributeDefinition, ...errors },
      },
    },
    async (request) => updateAttributeDefinition(services.db, workspaceContext(request), request.params.key, request.body),
  );

  app.delete(
    '/customer-attributes/:key',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags,
        summary: 'Delete a custom attribute',
        description:
          'Refused with `attribute_in_use` (`details.customerCount`) while customers have a value for it; with ' +
          '`deleteValues=true` the values are removed from every customer (and the attribute from saved views) too.',
        params: attributeParams,
        querystring: z.strictObject({ deleteValues: z.enum(['true', 'false']).optional() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAttributeDefinition(services.db, workspaceContext(request), request.params.key, {
        deleteValues: request.query.deleteValues === 'true',
      });
      return reply.status(204).send(null);
    },
  );
}
