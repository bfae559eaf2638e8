import { sql, type Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { AttributeDefinition, AttributeDefinitionInput, UpdateAttributeDefinitionInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { isUniqueViolation } from '@rapport/db';
import type { Executor, WorkspaceContext } from '../../platform/context.js';

type Definition = { key: string; type: AttributeDefinition['type']; choices: string[] };

export async function listAttributeDefinitions(db: Executor, workspaceId: string): Promise<AttributeDefinition[]> {
  const rows = await db
    .selectFrom('customer_attribute_definitions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map(present);
}

type Issue = { path: string[]; code: string; message: string; in: string };

/** Problems with a list of choices: given for another type than choice (choices_not_allowed), or one given twice (duplicate_choice). */
function choiceIssues(type: AttributeDefinition['type'], choices: string[]): Issue[] {
  if (type !== 'choice' && choices.length > 0)
    return [{ path: ['choices'], code: 'choices_not_allowed', message: 'only a choice attribute has choices', in: 'body' }];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const choice of choices) {
    if (seen.has(choice))
      issues.push({ path: ['choices'], code: 'duplicate_choice', message: `"${choice}" is given twice`, in: 'body' });
    seen.add(choice);
  }
  return issues;
}

function assertChoices(type: AttributeDefinition['type'], choices: string[]): void {
  const issues = choiceIssues(type, choices);
  if (issues.length) throw new AppError('validation_failed', 'The choices are not valid.', { issues });
}

function present(row: { key: string; label: string; type: AttributeDefinition['type']; choices: string[]; created_at: Date }) {
  return { key: row.key, label: row.label, type: row.type, choices: row.choices, createdAt: row.created_at.toISOString() };
}

/**
 * Defines a custom attribute for the workspace's customers. Throws
 * validation_failed: a taken key (`duplicate`), choices for another type than
 * choice (`choices_not_allowed`), a choice given twice (`duplicate_choice`).
 */
export async function createAttributeDefinition(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: AttributeDefinitionInput,
): Promise<AttributeDefinition> {
  assertChoices(input.type, input.choices);
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .insertInto('customer_attribute_definitions')
        .values({
          workspace_id: context.workspaceId,
          key: input.key,
          label: input.label,
          type: input.type,
          choices: input.choices,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, context, {
        name: 'customer_attribute.created',
        subjectType: 'customer_attribute',
        subjectId: row.key,
        data: { after: { type: row.type } },
      });
      return present(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('validation_failed', `An attribute "${input.key}" exists already.`, {
          issues: [{ path: ['key'], code: 'duplicate', message: 'taken', in: 'body' }],
        });
      }
      throw error;
    }
  });
}

/** A definition locked for the rest of the transaction; not_found when the workspace has none with this key. */
async function getDefinitionForUpdate(trx: Executor, workspaceId: string, key: string) {
  const row = await trx
    .selectFrom('customer_attribute_definitions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `No attribute "${key}" is defined.`);
  return row;
}

/** How many customers have a value for the attribute, or (with `values`) one of these values. */
async function countCustomersWithValue(trx: Executor, workspaceId: string, key: string, values?: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM customers c
     WHERE c.workspace_id = ${workspaceId} AND c.attributes <> '{}' AND c.attributes ? ${key}
       ${values ? sql`AND c.attributes ->> ${key} = ANY(${values}::text[])` : sql``}`.execute(trx);
  return rows[0]?.n ?? 0;
}

/**
 * Changes an attribute's label or choices (the key and the type stay).
 * Throws not_found, attribute_type_fixed (`type` other than the current
 * one), validation_failed (choices_not_allowed, duplicate_choice, or no
 * choices left for a choice attribute: `too_small`) and
 * attribute_choice_in_use when customers have a choice it would remove
 * (details.choices, details.customerCount).
 */
export async function updateAttributeDefinition(
  db: Kysely<DB>,
  context: WorkspaceContext,
  key: string,
  input: UpdateAttributeDefinitionInput,
): Promise<AttributeDefinition> {
  return db.transaction().execute(async (trx) => {
    const row = await getDefinitionForUpdate(trx, context.workspaceId, key);
    if (input.type !== undefined && input.type !== row.type) {
      throw new AppError('attribute_type_fixed', `The attribute "${key}" is of type ${row.type}; a type cannot change.`, {
        type: row.type,
      });
    }
    const choices = input.choices ?? row.choices;
    assertChoices(row.type, choices);
    if (row.type === 'choice' && choices.length === 0) {
      throw new AppError('validation_failed', 'A choice attribute needs choices.', {
        issues: [{ path: ['choices'], code: 'too_small', message: 'a choice attribute needs choices', in: 'body' }],
      });
    }
    const removed = row.choices.filter((choice) => !choices.includes(choice));
    if (removed.length) {
      const customerCount = await countCustomersWithValue(trx, context.workspaceId, key, removed);
      if (customerCount > 0) {
        throw new AppError('attribute_choice_in_use', 'Customers have a choice that would be removed.', {
          choices: removed,
          customerCount,
        });
      }
    }
    const label = input.label ?? row.label;
    const choicesChanged = choices.length !== row.choices.length || choices.some((c, i) => c !== row.choices[i]);
    const fields = [...(label !== row.label ? ['label'] : []), ...(choicesChanged ? ['choices'] : [])];
    if (fields.length === 0) return present(row);
    const updated = await trx
      .updateTable('customer_attribute_definitions')
      .set({ label, choices })
      .where('workspace_id', '=', context.workspaceId)
      .where('key', '=', key)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, context, {
      name: 'customer_attribute.updated',
      subjectType: 'customer_attribute',
      subjectId: key,
      data: { fields },
    });
    return present(updated);
  });
}

/**
 * Deletes an attribute. When customers have a value for it, throws
 * attribute_in_use (details.customerCount) unless `deleteValues`: then the
 * values are removed from every customer, and its conditions from saved
 * views' filters, in the same transaction. Throws not_found.
 */
export async function deleteAttributeDefinition(
  db: Kysely<DB>,
  context: WorkspaceContext,
  key: string,
  options: { deleteValues: boolean },
): Promise<{ deletedValues: number }> {
  return db.transaction().execute(async (trx) => {
    await getDefinitionForUpdate(trx, context.workspaceId, key);
    const customerCount = await countCustomersWithValue(trx, context.workspaceId, key);
    if (customerCount > 0 && !options.deleteValues) {
      throw new AppError('attribute_in_use', `${customerCount} customers have a value for "${key}".`, { customerCount });
    }
    let deletedValues = 0;
    if (customerCount > 0) {
      const result = await sql`
        UPDATE customers SET attributes = attributes - ${key}::text, updated_at = now()
         WHERE workspace_id = ${context.workspaceId} AND attributes <> '{}' AND attributes ? ${key}`.execute(trx);
      deletedValues = Number(result.numAffectedRows ?? 0);
    }
    await removeFromViews(trx, context.workspaceId, key);
    await trx
      .deleteFrom('customer_attribute_definitions')
      .where('workspace_id', '=', context.workspaceId)
      .where('key', '=', key)
      .execute();
    await recordEvent(trx, context, {
      name: 'customer_attribute.deleted',
      subjectType: 'customer_attribute',
      subjectId: key,
      data: { deletedValues },
    });
    return { deletedValues };
  });
}

/** Saved views filtering by a deleted attribute keep their other filters (a view is a few rows; read, then written). */
async function removeFromViews(trx: Executor, workspaceId: string, key: string): Promise<void> {
  const views = await trx
    .selectFrom('customer_views')
    .select(['id', 'filters'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`filters ? 'attribute'`)
    .execute();
  for (const view of views) {
    const { attribute, ...rest } = view.filters as { attribute?: unknown } & Record<string, unknown>;
    const kept = [attribute].flat().filter((text) => !(typeof text === 'string' && text.startsWith(`${key}:`)));
    if (kept.length === [attribute].flat().length) continue;
    const filters = kept.length ? { ...rest, attribute: kept } : rest;
    await trx
      .updateTable('customer_views')
      .set({ filters: JSON.stringify(filters), updated_at: new Date() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', view.id)
      .execute();
  }
}

/**
 * Checks attribute values against the workspace's definitions; null removes a
 * value. Throws validation_failed with an issue per bad key (unknown_attribute,
 * invalid_attribute) at ['attributes', key].
 */
export async function validateAttributes(
  db: Executor,
  workspaceId: string,
  values: Record<string, string | number | boolean | null>,
  current: Record<string, string | number | boolean | null> = {},
): Promise<Record<string, string | number | boolean | null>> {
  const keys = Object.keys(values);
  if (keys.length === 0) return current;
  const definitions = new Map<string, Definition>((await listAttributeDefinitions(db, workspaceId)).map((d) => [d.key, d]));
  const issues: { path: string[]; code: string; message: string; in: string }[] = [];
  const result = { ...current };
  for (const key of keys) {
    const value = values[key];
    const definition = definitions.get(key);
    if (!definition) {
      issues.push({
        path: ['attributes', key],
        code: 'unknown_attribute',
        message: `no attribute "${key}" is defined`,
        in: 'body',
      });
      continue;
    }
    if (value === null || value === undefined) {
      delete result[key];
      continue;
    }
    const problem = checkValue(definition, value);
    if (problem) issues.push({ path: ['attributes', key], code: 'invalid_attribute', message: problem, in: 'body' });
    else result[key] = value;
  }
  if (issues.length) throw new AppError('validation_failed', 'Some attributes are not valid.', { issues });
  return result;
}

function checkValue(definition: Definition, value: string | number | boolean): string | null {
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? null : 'expected text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'expected a date YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && definition.choices.includes(value)
        ? null
        : `expected one of: ${definition.choices.join(', ')}`;
  }
}
