import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditEvent,
  cursorQuery,
  errorResponse,
  id,
  member,
  page,
  updateMemberInput,
  updateWorkspaceInput,
  workspace,
} from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { getWorkspace, updateWorkspace } from './update-workspace.js';
import { listMembers, removeMember, updateMember } from './members.js';
import { listEvents } from './list-events.js';
import { managerRoles } from './workspaces.policy.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export function registerWorkspaceRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/workspace',
    {
      config: { auth: 'workspace' },
      schema: { tags: ['Workspace'], summary: 'The active workspace', response: { 200: workspace, ...errors } },
    },
    async (request) => getWorkspace(services.db, workspaceContext(request)),
  );

  app.patch(
    '/workspace',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Workspace'],
        summary: 'Change workspace settings',
        body: updateWorkspaceInput,
        response: { 200: workspace, ...errors },
      },
    },
    async (request) => updateWorkspace(services.db, workspaceContext(request), request.body),
  );

  app.get(
    '/members',
    {
      config: { auth: 'workspace' },
      schema: {
        tags: ['Members'],
        summary: 'People in the workspace',
        querystring: cursorQuery,
        response: { 200: page(member), ...errors },
      },
    },
    async (request) => listMembers(services.db, workspaceContext(request), request.query),
  );

  app.patch(
    '/members/:userId',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Members'],
        summary: "Change a member's role",
        params: z.strictObject({ userId: id }),
        body: updateMemberInput,
        response: { 200: member, ...errors },
      },
    },
    async (request) => updateMember(services.db, workspaceContext(request), request.params.userId, request.body),
  );

  app.delete(
    '/members/:userId',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Members'],
        summary: 'Remove a member',
        params: z.strictObject({ userId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeMember(services.db, workspaceContext(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/events',
    {
      config: { auth: 'workspace', roles: managerRoles },
      schema: {
        tags: ['Audit log'],
        summary: 'Every recorded change in the workspace, newest first',
        querystring: cursorQuery,
        response: { 200: page(auditEvent), ...errors },
      },
    },
    async (request) => listEvents(services.db, workspaceContext(request), request.query),
  );
}
