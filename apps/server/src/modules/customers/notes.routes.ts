import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, fact, factInput, id, note, noteInput, noteRevision } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { createNote, deleteNote, listNoteRevisions, listNotes, updateNote } from './notes.js';
import { createFact, deleteFact, listFacts } from './facts.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const customerParams = z.strictObject({ customerId: id });
const noteParams = z.strictObject({ customerId: id, noteId: id });

export function registerNoteRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['Customer notes and details'];

  app.get(
    '/customers/:customerId/notes',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Notes, newest first',
        params: customerParams,
        response: { 200: z.object({ items: z.array(note) }), ...errors },
      },
    },
    async (request) => ({ items: await listNotes(services.db, workspaceContext(request), request.params.customerId) }),
  );
  app.post(
    '/customers/:customerId/notes',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Add a note (markdown)',
        params: customerParams,
        body: noteInput,
        response: { 201: note, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createNote(services.db, workspaceContext(request), request.params.customerId, request.body)),
  );
  app.patch(
    '/customers/:customerId/notes/:noteId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Edit a note (the earlier text is kept)',
        params: noteParams,
        body: noteInput,
        response: { 200: note, ...errors },
      },
    },
    async (request) =>
      updateNote(services.db, workspaceContext(request), request.params.customerId, request.params.noteId, request.body),
  );
  app.get(
    '/customers/:customerId/notes/:noteId/revisions',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: "A note's earlier texts, newest first",
        params: noteParams,
        response: { 200: z.object({ items: z.array(noteRevision) }), ...errors },
      },
    },
    async (request) => ({
      items: await listNoteRevisions(services.db, workspaceContext(request), request.params.customerId, request.params.noteId),
    }),
  );
  app.delete(
    '/customers/:customerId/notes/:noteId',
    {
      config: { auth: 'workspace' },
      schema: { tags, summary: 'Delete a note', params: noteParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deleteNote(services.db, workspaceContext(request), request.params.customerId, request.params.noteId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/customers/:customerId/facts',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Personal details worth remembering, the next dated ones first',
        params: customerParams,
        response: { 200: z.object({ items: z.array(fact) }), ...errors },
      },
    },
    async (request) => ({ items: await listFacts(services.db, workspaceContext(request), request.params.customerId) }),
  );
  app.post(
    '/customers/:customerId/facts',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Remember a personal detail',
        params: customerParams,
        body: factInput,
        response: { 201: fact, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFact(services.db, workspaceContext(request), request.params.customerId, request.body)),
  );
  app.delete(
    '/customers/:customerId/facts/:factId',
    {
      config: { auth: 'workspace' },
      schema: {
        tags,
        summary: 'Forget a personal detail',
        params: z.strictObject({ customerId: id, factId: id }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteFact(services.db, workspaceContext(request), request.params.customerId, request.params.factId);
      return reply.status(204).send(null);
    },
  );
}
