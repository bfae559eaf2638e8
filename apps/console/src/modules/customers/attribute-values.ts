import type { AttributeDefinition, Customer } from '@rapport/contracts';

type AttributeValue = Customer['attributes'][string];

/** What an attribute's input holds: text for text, number and date inputs, 'true'/'false' for yes/no, '' = not set. */
export function attributeInputValue(definition: Pick<AttributeDefinition, 'type'>, value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (definition.type === 'boolean') return value === true ? 'true' : value === false ? 'false' : '';
  return String(value);
}

/** Every defined attribute's input value, from the customer's saved attributes. */
export function attributeInputs(definitions: AttributeDefinition[], attributes: Customer['attributes']): Record<string, string> {
  return Object.fromEntries(
    definitions.map((definition) => [definition.key, attributeInputValue(definition, attributes[definition.key])]),
  );
}

/** An input's text as the value the server stores; undefined when it cannot be one (not a number). */
function parseInput(definition: Pick<AttributeDefinition, 'type'>, text: string): AttributeValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (definition.type) {
    case 'number': {
      const number = Number(trimmed.replace(',', '.'));
      return Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : undefined;
    default:
      return trimmed;
  }
}

/**
 * The `attributes` of a PATCH: only changed values, null for cleared ones;
 * inputs that cannot be a value of their type come back as problems
 * (`attributes.<key>` → `invalid_attribute`), like the server's.
 */
export function diffAttributes(
  definitions: AttributeDefinition[],
  saved: Customer['attributes'],
  inputs: Record<string, string>,
): { changes: Customer['attributes']; problems: Record<string, string> } {
  const changes: Customer['attributes'] = {};
  const problems: Record<string, string> = {};
  for (const definition of definitions) {
    const value = parseInput(definition, inputs[definition.key] ?? '');
    if (value === undefined) {
      problems[`attributes.${definition.key}`] = 'invalid_attribute';
      continue;
    }
    if (value !== (saved[definition.key] ?? null)) changes[definition.key] = value;
  }
  return { changes, problems };
}
