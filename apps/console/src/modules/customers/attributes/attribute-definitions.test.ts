import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../platform/api-client';
import { customersWithValue, definitionProblems, keyFromLabel, parseChoices } from './attribute-definitions';

describe('custom field definitions in the console', () => {
  it('reads choices one per line and suggests a key from the label', () => {
    expect(parseChoices(' basic \n\npro\r\n enterprise')).toEqual(['basic', 'pro', 'enterprise']);
    expect(keyFromLabel('Account manager')).toBe('account_manager');
    expect(keyFromLabel('Ügyfélszint (2026)')).toBe('ugyfelszint_2026');
    expect(keyFromLabel('Işık büyüklüğü')).toBe('isik_buyuklugu');
    expect(keyFromLabel('Straße')).toBe('strasse');
    expect(keyFromLabel('2nd phone')).toBe('nd_phone');
    expect(keyFromLabel('—')).toBe('');
  });

  it('puts the server’s problems next to the fields they are about', () => {
    const invalid = new ApiError(400, 'validation_failed', 'bad', {
      issues: [
        { path: ['key'], code: 'duplicate' },
        { path: ['choices'], code: 'duplicate_choice' },
        { path: ['label'], code: 'too_small' },
      ],
    });
    expect(Object.fromEntries(definitionProblems(invalid))).toEqual({
      key: { key: 'customers.attributeSettings.keyTaken' },
      choices: { key: 'customers.attributeSettings.choiceTwice' },
      label: null,
    });
    const inUse = new ApiError(409, 'attribute_choice_in_use', 'in use', { choices: ['basic', 'pro'], customerCount: 3 });
    expect(definitionProblems(inUse).get('choices')).toEqual({
      key: 'customers.attributeSettings.choiceInUse',
      values: { choices: 'basic, pro', count: 3 },
    });
    expect(definitionProblems(new Error('network')).size).toBe(0);
  });

  it('reads how many customers have a value from a refused delete', () => {
    expect(customersWithValue(new ApiError(409, 'attribute_in_use', 'x', { customerCount: 12 }), 'attribute_in_use')).toBe(12);
    expect(customersWithValue(new ApiError(404, 'not_found', 'x'), 'attribute_in_use')).toBeNull();
  });
});
