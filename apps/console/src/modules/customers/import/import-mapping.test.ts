import { describe, expect, it } from 'vitest';
import { customerImportFields } from '@rapport/contracts';
import { exampleValue, fieldGroups, isKnownField, mappingProblems, reconcileMapping, withColumnField } from './import-mapping';

const headers = ['Vezetéknév', 'Keresztnév', 'E-mail', 'Megjegyzés'];
const suggested = { Vezetéknév: 'familyName', Keresztnév: 'givenName', 'E-mail': 'email', Megjegyzés: null };

describe('reconcileMapping', () => {
  it('starts from the server’s suggestion, "don’t import" where it has none', () => {
    expect(reconcileMapping(headers, suggested)).toEqual(suggested);
    expect(reconcileMapping(['Név', 'Extra'], { Név: 'fullName' })).toEqual({ Név: 'fullName', Extra: null });
  });

  it('keeps the person’s choices for headers that are still there, suggests for new ones', () => {
    const chosen = { ...suggested, 'E-mail': null, Megjegyzés: 'tags' };
    // Read again with another encoding: the accented headers are new strings, the others stay.
    const reread = ['VezetĂ©knĂ©v', 'KeresztnĂ©v', 'E-mail', 'Megjegyzés'];
    expect(reconcileMapping(reread, { 'VezetĂ©knĂ©v': null, 'E-mail': 'email' }, chosen)).toEqual({
      'VezetĂ©knĂ©v': null,
      'KeresztnĂ©v': null,
      'E-mail': null,
      Megjegyzés: 'tags',
    });
  });
});

describe('withColumnField', () => {
  it('sets a field, or null for "don’t import", without touching the original', () => {
    const next = withColumnField(suggested, 'Megjegyzés', 'attribute:plan');
    expect(next.Megjegyzés).toBe('attribute:plan');
    expect(withColumnField(next, 'E-mail', '')['E-mail']).toBeNull();
    expect(suggested.Megjegyzés).toBeNull();
  });
});

describe('mappingProblems', () => {
  it('finds nothing wrong with a usable mapping', () => {
    expect(mappingProblems(suggested, 'email_or_phone').size).toBe(0);
    expect(mappingProblems(suggested, 'email').size).toBe(0);
  });

  it('marks the second column of a single-valued field, but allows several emails, phones and tag columns', () => {
    const twice = { A: 'givenName', B: 'givenName', C: 'email', D: 'email', E: 'tags', F: 'tags' };
    expect([...mappingProblems(twice, 'email_or_phone')]).toEqual([['mapping.B', 'duplicate_field']]);
  });

  it('asks for a name, company, email or phone column', () => {
    expect(mappingProblems({ A: 'country', B: null }, 'email_or_phone').get('mapping')).toBe('missing_required');
    expect(mappingProblems({ A: 'company' }, 'email_or_phone').has('mapping')).toBe(false);
  });

  it('needs the column the chosen match rule looks at', () => {
    expect(mappingProblems(suggested, 'phone').get('matchBy')).toBe('match_column_missing');
    expect(mappingProblems({ ...suggested, Megjegyzés: 'phone' }, 'phone').has('matchBy')).toBe(false);
  });
});

describe('fields', () => {
  it('offers every field the server accepts, each once', () => {
    const offered = fieldGroups.flatMap((group) => group.fields);
    expect([...offered].sort()).toEqual([...customerImportFields].sort());
  });

  it('knows base fields and the workspace’s attributes', () => {
    expect(isKnownField('timeZone', [])).toBe(true);
    expect(isKnownField('attribute:plan', [{ key: 'plan' }])).toBe(true);
    expect(isKnownField('attribute:plan', [])).toBe(false);
  });
});

describe('exampleValue', () => {
  it('takes the first non-empty value of the column', () => {
    const rows = [
      ['Kovács', ''],
      ['Öztürk', '  '],
      ['Karimov', 'vip'],
    ];
    expect(exampleValue(rows, 0)).toBe('Kovács');
    expect(exampleValue(rows, 1)).toBe('vip');
    expect(exampleValue(rows, 5)).toBeUndefined();
  });
});
