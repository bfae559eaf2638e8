import type { AttributeDefinition } from '@rapport/contracts';

/** What an attribute's filter inputs hold: `value` for text, choice and yes/no; `min` and `max` for numbers and dates. */
export interface AttributeFilterInput {
  value: string;
  min: string;
  max: string;
}

const none: AttributeFilterInput = { value: '', min: '', max: '' };

/** Whether the attribute is filtered by a range (numbers, dates) rather than by one value. */
export function isRangeAttribute(definition: Pick<AttributeDefinition, 'type'>): boolean {
  return definition.type === 'number' || definition.type === 'date';
}

/** The inputs for one attribute, read from the list's conditions (`plan:pro`, `seats:5..20`, `renewal:..2026-12-31`). */
export function attributeFilterInput(
  conditions: readonly string[],
  definition: Pick<AttributeDefinition, 'key' | 'type'>,
): AttributeFilterInput {
  const prefix = `${definition.key}:`;
  const condition = conditions.find((c) => c.startsWith(prefix));
  if (condition === undefined) return none;
  const text = condition.slice(prefix.length);
  if (!isRangeAttribute(definition)) return { ...none, value: text };
  if (!text.includes('..')) return { ...none, min: text, max: text };
  const [min = '', max = ''] = text.split('..', 2);
  return { ...none, min, max };
}

/** The list's conditions with this attribute's replaced by what its inputs hold (left out when they are empty). */
export function withAttributeFilter(
  conditions: readonly string[],
  definition: Pick<AttributeDefinition, 'key' | 'type'>,
  input: AttributeFilterInput,
): string[] {
  const prefix = `${definition.key}:`;
  const others = conditions.filter((c) => !c.startsWith(prefix));
  if (!isRangeAttribute(definition)) return input.value === '' ? others : [...others, `${prefix}${input.value}`];
  const min = input.min.trim();
  const max = input.max.trim();
  if (!min && !max) return others;
  return [...others, min === max ? `${prefix}${min}` : `${prefix}${min}..${max}`];
}
