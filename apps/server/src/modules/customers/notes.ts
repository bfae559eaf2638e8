import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { Note, NoteInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { getCustomerRow } from './merge-customers.js';

function notesQuery(db: Executor, workspaceId: string) {
  return db
    .selectFrom('customer_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.customer_id', 'n.body', 'n.author_id', 'n.created_at', 'n.updated_at', 'u.name as author_name'])
    .select((eb) =>
      eb
        .selectFrom('customer_note_revisions as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.workspace_id', '=', 'n.workspace_id')
        .whereRef('r.note_id', '=', 'n.id')
        .as('revisions'),
    )
    .where('n.workspace_id', '=', workspaceId);
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof notesQuery>['executeTakeFirstOrThrow']>>;

function presentNote(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    revisions: Number(row.revisions ?? 0),
  };
}

/** The customer's current id (a merged-away id gives the kept customer's). Throws not_found. */
async function currentCustomerId(db: Executor, workspaceId: string, customerId: string): Promise<string> {
  return (await getCustomerRow(db, workspaceId, customerId)).id;
}

/** A customer's notes, newest first. Throws not_found. */
export async function listNotes(db: Kysely<DB>, context: WorkspaceContext, givenId: string): Promise<Note[]> {
  const customerId = await currentCustomerId(db, context.workspaceId, givenId);
  const rows = await notesQuery(db, context.workspaceId)
    .where('n.customer_id', '=', customerId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  return rows.map(presentNote);
}

/** Adds a note (markdown) by the person or token acting. Throws not_found. */
export async function createNote(db: Kysely<DB>, context: WorkspaceContext, givenId: string, input: NoteInput): Promise<Note> {
  return db.transaction().execute(async (trx) => {
    const customerId = await currentCustomerId(trx, context.workspaceId, givenId);
    const id = newId();
    await trx
      .insertInto('customer_notes')
      .values({
        workspace_id: context.workspaceId,
        id,
        customer_id: customerId,
        body: input.body,
        author_id: context.actor.type === 'user' ? context.actor.id : null,
      })
      .execute();
    await recordEvent(trx, context, {
      name: 'note.created',
      subjectType: 'customer',
      subjectId: customerId,
      data: { noteId: id },
    });
    return presentNote(await notesQuery(trx, context.workspaceId).where('n.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** Edits a note, keeping the earlier text as a revision. Throws not_found (the customer, or the note on them). */
export async function updateNote(
  db: Kysely<DB>,
  context: WorkspaceContext,
  givenId: string,
  noteId: string,
  input: NoteInput,
): Promise<Note> {
  return db.transaction().execute(async (trx) => {
    const customerId = await currentCustomerId(trx, context.workspaceId, givenId);
    const note = await trx
      .selectFrom('customer_notes')
      .selectAll()
      .where('workspace_id', '=', context.workspaceId)
      .where('customer_id', '=', customerId)
      .where('id', '=', noteId)
      .forUpdate()
      .executeTakeFirst();
    if (!note) throw new AppError('not_found', 'No such note on this customer.');
    if (note.body !== input.body) {
      await trx
        .insertInto('customer_note_revisions')
        .values({
          workspace_id: context.workspaceId,
          id: newId(),
          note_id: noteId,
          body: note.body,
          edited_by: context.actor.type === 'user' ? context.actor.id : null,
        })
        .execute();
      await trx
        .updateTable('customer_notes')
        .set({ body: input.body, updated_at: new Date() })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', noteId)
        .execute();
      await recordEvent(trx, context, { name: 'note.updated', subjectType: 'customer', subjectId: customerId, data: { noteId } });
    }
    return presentNote(await notesQuery(trx, context.workspaceId).where('n.id', '=', noteId).executeTakeFirstOrThrow());
  });
}

/** A note's earlier texts, newest first. Throws not_found (the customer, or the note on them). */
export async function listNoteRevisions(db: Kysely<DB>, context: WorkspaceContext, givenId: string, noteId: string) {
  const customerId = await currentCustomerId(db, context.workspaceId, givenId);
  const note = await notesQuery(db, context.workspaceId)
    .where('n.customer_id', '=', customerId)
    .where('n.id', '=', noteId)
    .executeTakeFirst();
  if (!note) throw new AppError('not_found', 'No such note on this customer.');
  const rows = await db
    .selectFrom('customer_note_revisions')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .where('note_id', '=', noteId)
    .orderBy('edited_at', 'desc')
    .execute();
  return rows.map((r) => ({ body: r.body, editedBy: r.edited_by, editedAt: r.edited_at.toISOString() }));
}

/** Deletes a note and its earlier texts. Throws not_found (the customer, or the note on them). */
export async function deleteNote(db: Kysely<DB>, context: WorkspaceContext, givenId: string, noteId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const customerId = await currentCustomerId(trx, context.workspaceId, givenId);
    const deleted = await trx
      .deleteFrom('customer_notes')
      .where('workspace_id', '=', context.workspaceId)
      .where('customer_id', '=', customerId)
      .where('id', '=', noteId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw new AppError('not_found', 'No such note on this customer.');
    await recordEvent(trx, context, { name: 'note.deleted', subjectType: 'customer', subjectId: customerId, data: { noteId } });
  });
}
