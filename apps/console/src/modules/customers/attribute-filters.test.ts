import { describe, expect, it } from 'vitest';
import { attributeFilterInput, withAttributeFilter } from './attribute-filters';

const plan = { key: 'plan', type: 'choice' as const };
const seats = { key: 'seats', type: 'number' as const };
const renewal = { key: 'renewal', type: 'date' as const };

describe('custom-field filters', () => {
  it('reads one value, a single number, or a range with an open end', () => {
    const conditions = ['plan:pro', 'seats:5', 'renewal:..2026-12-31'];
    expect(attributeFilterInput(conditions, plan)).toEqual({ value: 'pro', min: '', max: '' });
    expect(attributeFilterInput(conditions, seats)).toEqual({ value: '', min: '5', max: '5' });
    expect(attributeFilterInput(conditions, renewal)).toEqual({ value: '', min: '', max: '2026-12-31' });
    expect(attributeFilterInput([], plan)).toEqual({ value: '', min: '', max: '' });
  });

  it('writes the condition the API reads, replacing the field’s own and leaving the others', () => {
    const empty = { value: '', min: '', max: '' };
    expect(withAttributeFilter(['seats:1..2'], plan, { ...empty, value: 'pro' })).toEqual(['seats:1..2', 'plan:pro']);
    expect(withAttributeFilter(['plan:pro'], plan, empty)).toEqual([]);
    expect(withAttributeFilter(['plan:pro'], seats, { ...empty, min: '5' })).toEqual(['plan:pro', 'seats:5..']);
    expect(withAttributeFilter(['seats:5..'], seats, { ...empty, min: '5', max: '20' })).toEqual(['seats:5..20']);
    expect(withAttributeFilter([], renewal, { ...empty, max: '2026-12-31' })).toEqual(['renewal:..2026-12-31']);
    expect(withAttributeFilter([], seats, { ...empty, min: '7', max: '7' })).toEqual(['seats:7']);
    // A key that starts like another's is not taken for it.
    expect(withAttributeFilter(['plans:x'], plan, empty)).toEqual(['plans:x']);
  });
});
