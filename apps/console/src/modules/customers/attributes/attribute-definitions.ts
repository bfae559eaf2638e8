import type { AttributeDefinition, AttributeDefinitionInput, UpdateAttributeDefinitionInput } from '@rapport/contracts';
import { api, ApiError } from '../../../platform/api-client';
import type { MessageRef } from '../../../platform/error-messages';

export function fetchAttributeDefinitions(): Promise<AttributeDefinition[]> {
  return api.get<{ items: AttributeDefinition[] }>('/customer-attributes').then((page) => page.items);
}

export function createAttributeDefinition(input: AttributeDefinitionInput): Promise<AttributeDefinition> {
  return api.post<AttributeDefinition>('/customer-attributes', input);
}

export function updateAttributeDefinition(key: string, input: UpdateAttributeDefinitionInput): Promise<AttributeDefinition> {
  return api.patch<AttributeDefinition>(`/customer-attributes/${encodeURIComponent(key)}`, input);
}

/** Deletes a definition; without `deleteValues` the server refuses (attribute_in_use) while customers have a value. */
export async function deleteAttributeDefinition(key: string, deleteValues: boolean): Promise<void> {
  await api.delete(`/customer-attributes/${encodeURIComponent(key)}${deleteValues ? '?deleteValues=true' : ''}`);
}

/** The choices typed one per line: trimmed, empty lines left out. */
export function parseChoices(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A key suggested from a label as it is typed ("Account manager" → "account_manager"; "Ügyfélszint" → "ugyfelszint"). */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return key;
}

/** How many customers a refusal names (`details.customerCount`), or null for another error. */
export function customersWithValue(error: unknown, code: 'attribute_in_use' | 'attribute_choice_in_use'): number | null {
  if (!(error instanceof ApiError) || error.code !== code) return null;
  const details = error.details as { customerCount?: unknown } | undefined;
  return typeof details?.customerCount === 'number' ? details.customerCount : null;
}

export type DefinitionField = 'key' | 'label' | 'choices';

/**
 * What the form says next to each field for a failed save: the server's
 * issue codes (a taken key, a key in the wrong form, choices missing or given
 * twice) and a refused removal of choices customers have, with those choices
 * and how many customers have them. null for a problem without a message of
 * its own.
 */
export function definitionProblems(error: unknown): Map<DefinitionField, MessageRef | null> {
  const problems = new Map<DefinitionField, MessageRef | null>();
  if (!(error instanceof ApiError)) return problems;
  if (error.code === 'attribute_choice_in_use') {
    const details = error.details as { choices?: unknown; customerCount?: unknown } | undefined;
    const choices = Array.isArray(details?.choices) ? details.choices.filter((c): c is string => typeof c === 'string') : [];
    problems.set('choices', {
      key: 'customers.attributeSettings.choiceInUse',
      values: { choices: choices.join(', '), count: Number(details?.customerCount ?? 0) },
    });
    return problems;
  }
  if (error.code !== 'validation_failed') return problems;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  for (const issue of Array.isArray(issues) ? issues : []) {
    const { path, code } = (issue ?? {}) as { path?: unknown[]; code?: unknown };
    const field = path?.[0];
    if (field !== 'key' && field !== 'label' && field !== 'choices') continue;
    if (problems.has(field)) continue;
    const messages: Record<string, string> = {
      'key:duplicate': 'customers.attributeSettings.keyTaken',
      'key:invalid_format': 'customers.attributeSettings.keyFormat',
      'choices:duplicate_choice': 'customers.attributeSettings.choiceTwice',
      'choices:too_small': 'customers.attributeSettings.choicesNeeded',
      'choices:custom': 'customers.attributeSettings.choicesNeeded',
    };
    const key = messages[`${field}:${String(code)}`];
    // null: the field's generic "please check this field".
    problems.set(field, key ? { key } : null);
  }
  return problems;
}
