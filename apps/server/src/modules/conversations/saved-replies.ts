import type { Kysely } from 'kysely';
import { isUniqueViolation, type DB } from '@rapport/db';
import {
  formatCustomerName,
  type CreateSavedReplyInput,
  type RenderedSavedReply,
  type SavedReply,
  type UpdateSavedReplyInput,
} from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import * as repo from './conversations.repo.js';

function present(row: {
  id: string;
  name: string;
  variants: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}): SavedReply {
  return {
    id: row.id,
    name: row.name,
    variants: row.variants,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function nameTaken(name: string): AppError {
  return new AppError('validation_failed', `A saved reply is called "${name}" already.`, {
    issues: [{ path: ['name'], code: 'name_taken', message: 'a saved reply has this name', in: 'body' }],
  });
}

/** The workspace's saved replies, by name. */
export async function listSavedReplies(db: Kysely<DB>, context: WorkspaceContext): Promise<SavedReply[]> {
  const rows = await db
    .selectFrom('saved_replies')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(present);
}

/** Adds a saved reply with its language variants. Throws validation_failed (name taken, ignoring case). */
export async function createSavedReply(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: CreateSavedReplyInput,
): Promise<SavedReply> {
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .insertInto('saved_replies')
        .values({
          workspace_id: context.workspaceId,
          id: newId(),
          name: input.name,
          variants: JSON.stringify(input.variants),
          created_by: context.actor.type === 'user' ? context.actor.id : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, context, { name: 'saved_reply.created', subjectType: 'saved_reply', subjectId: row.id });
      return present(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  });
}

/** Renames a saved reply or replaces its variants. Throws not_found and validation_failed (name taken). */
export async function updateSavedReply(
  db: Kysely<DB>,
  context: WorkspaceContext,
  replyId: string,
  input: UpdateSavedReplyInput,
): Promise<SavedReply> {
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .updateTable('saved_replies')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.variants !== undefined ? { variants: JSON.stringify(input.variants) } : {}),
          updated_at: new Date(),
        })
        .where('workspace_id', '=', context.workspaceId)
        .where('id', '=', replyId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No such saved reply in this workspace.');
      await recordEvent(trx, context, { name: 'saved_reply.updated', subjectType: 'saved_reply', subjectId: row.id });
      return present(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name ?? '');
      throw error;
    }
  });
}

/** Deletes a saved reply. Throws not_found. */
export async function deleteSavedReply(db: Kysely<DB>, context: WorkspaceContext, replyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('saved_replies')
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', replyId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw new AppError('not_found', 'No such saved reply in this workspace.');
    await recordEvent(trx, context, { name: 'saved_reply.deleted', subjectType: 'saved_reply', subjectId: replyId });
  });
}

/**
 * The variant for a language: the same tag, else the same base language
 * ("uz" for "uz-Latn"), else the fallback's, else the first one.
 */
export function pickVariant(variants: Record<string, string>, languages: (string | null)[]): [string, string] {
  const entries = Object.entries(variants);
  for (const language of languages.filter((l): l is string => !!l)) {
    const exact = entries.find(([tag]) => tag.toLowerCase() === language.toLowerCase());
    if (exact) return exact;
    const base = language.split('-')[0]!.toLowerCase();
    const sameBase = entries.find(([tag]) => tag.split('-')[0]!.toLowerCase() === base);
    if (sameBase) return sameBase;
  }
  return entries[0]!;
}

/** Fills {{placeholders}}; unknown ones stay as written, known ones without a value are removed (with the space before them) and reported. */
export function fillPlaceholders(text: string, values: Record<string, string | null>): { body: string; missing: string[] } {
  const missing = new Set<string>();
  // An empty placeholder takes the space before it along ("Hello {{customer.company}}," → "Hello,").
  const body = text.replace(/( ?)\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (whole, space: string, name: string) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (value) return `${space}${value}`;
    missing.add(name);
    return '';
  });
  return { body, missing: [...missing] };
}

/**
 * A saved reply made ready for a conversation: the variant in the
 * conversation's (else the customer's, else the workspace's) language, its
 * placeholders filled with the customer's and the agent's names. Throws
 * not_found (conversation or saved reply).
 */
export async function renderSavedReply(
  db: Kysely<DB>,
  context: WorkspaceContext,
  conversationId: string,
  replyId: string,
): Promise<RenderedSavedReply> {
  const conversation = await repo.findConversation(db, context.workspaceId, conversationId);
  if (!conversation) throw new AppError('not_found', 'No such conversation in this workspace.');
  const reply = await db
    .selectFrom('saved_replies')
    .selectAll()
    .where('workspace_id', '=', context.workspaceId)
    .where('id', '=', replyId)
    .executeTakeFirst();
  if (!reply) throw new AppError('not_found', 'No such saved reply in this workspace.');
  const customer = await db
    .selectFrom('customers')
    .select(['given_name', 'family_name', 'middle_name', 'name_order', 'language', 'country', 'company'])
    .where('workspace_id', '=', context.workspaceId)
    .where('id', '=', conversation.customer_id)
    .executeTakeFirstOrThrow();
  const workspace = await db
    .selectFrom('workspaces')
    .select('default_locale')
    .where('id', '=', context.workspaceId)
    .executeTakeFirst();
  const agent =
    context.actor.type === 'user' && context.actor.id
      ? await db.selectFrom('users').select('name').where('id', '=', context.actor.id).executeTakeFirst()
      : undefined;
  const [language, text] = pickVariant(reply.variants, [
    conversation.language,
    customer.language,
    workspace?.default_locale ?? null,
  ]);
  const name = formatCustomerName({
    givenName: customer.given_name,
    familyName: customer.family_name,
    middleName: customer.middle_name,
    nameOrder: customer.name_order,
    language: customer.language,
    country: customer.country,
  });
  return {
    language,
    ...fillPlaceholders(text, {
      'customer.name': name || null,
      'customer.givenName': customer.given_name,
      'customer.familyName': customer.family_name,
      'customer.company': customer.company,
      'agent.name': agent?.name ?? null,
      'conversation.number': String(conversation.number),
    }),
  };
}
