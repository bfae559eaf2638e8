import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from '@rapport/contracts';
import { attributeInputs, diffAttributes } from './attribute-values';

const createdAt = '2026-11-24T10:00:00.000Z';
const definitions: AttributeDefinition[] = [
  { key: 'plan', label: 'Plan', type: 'choice', choices: ['Basic', 'Pro'], createdAt },
  { key: 'seats', label: 'Seats', type: 'number', choices: [], createdAt },
  { key: 'renewal', label: 'Renewal', type: 'date', choices: [], createdAt },
  { key: 'reseller', label: 'Reseller', type: 'boolean', choices: [], createdAt },
  { key: 'manager', label: 'Account manager', type: 'text', choices: [], createdAt },
];

describe('attributeInputs', () => {
  it('turns saved values into input values, missing ones empty', () => {
    expect(attributeInputs(definitions, { plan: 'Pro', seats: 3, reseller: false, unknown: 'x' })).toEqual({
      plan: 'Pro',
      seats: '3',
      renewal: '',
      reseller: 'false',
      manager: '',
    });
  });
});

describe('diffAttributes', () => {
  const saved = { plan: 'Pro', seats: 3, reseller: false };

  it('is empty when nothing changed', () => {
    expect(diffAttributes(definitions, saved, attributeInputs(definitions, saved))).toEqual({ changes: {}, problems: {} });
  });

  it('sends typed values for changes and null for cleared ones', () => {
    const inputs = { ...attributeInputs(definitions, saved), seats: '12,5', plan: '', reseller: 'true', renewal: '2027-01-31' };
    expect(diffAttributes(definitions, saved, inputs)).toEqual({
      changes: { seats: 12.5, plan: null, reseller: true, renewal: '2027-01-31' },
      problems: {},
    });
  });

  it('refuses what cannot be a value of the type', () => {
    const inputs = { ...attributeInputs(definitions, saved), seats: 'many' };
    expect(diffAttributes(definitions, saved, inputs)).toEqual({
      changes: {},
      problems: { 'attributes.seats': 'invalid_attribute' },
    });
  });
});
