import type { Kysely } from 'kysely';
import type { DB } from '@rapport/db';
import type { AttributeDefinition, AttributeDefinitionInput } from '@rapport/contracts';
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
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    type: r.type,
    choices: r.choices,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Defines a custom attribute for the workspace's customers. Throws conflict-free validation on a taken key. */
export async function createAttributeDefinition(
  db: Kysely<DB>,
  context: WorkspaceContext,
  input: AttributeDefinitionInput,
): Promise<AttributeDefinition> {
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
      return { key: row.key, label: row.label, type: row.type, choices: row.choices, createdAt: row.created_at.toISOString() };
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
