import { describe, expect, it } from 'vitest';
import { ApiError } from '../../platform/api-client';
import en from '../../locales/en.json';
import {
  clientFieldError,
  fieldProblemCodes,
  fieldProblemKey,
  fieldProblems,
  isMissingCustomer,
  problemUnder,
  takenIdentity,
} from './customer-errors';

describe('fieldProblems', () => {
  it('keys each issue by its whole path', () => {
    const error = new ApiError(400, 'validation_failed', 'x', {
      issues: [
        { path: ['identities', 1, 'value'], code: 'invalid_phone', message: 'bad' },
        { path: ['attributes', 'plan'], code: 'invalid_attribute', message: 'bad' },
        { path: ['attributes', 'plan'], code: 'other', message: 'again' },
        { path: [], code: 'custom', message: 'root' },
      ],
    });
    expect([...fieldProblems(error)]).toEqual([
      ['identities.1.value', 'invalid_phone'],
      ['attributes.plan', 'invalid_attribute'],
    ]);
  });

  it('is empty for other errors', () => {
    expect(fieldProblems(new ApiError(409, 'identity_taken', 'x')).size).toBe(0);
    expect(fieldProblems(new Error('x')).size).toBe(0);
  });

  it('reads client-made errors the same way', () => {
    expect([...fieldProblems(clientFieldError({ givenName: 'name_required' }))]).toEqual([['givenName', 'name_required']]);
    expect(clientFieldError({})).toBeNull();
  });
});

describe('fieldProblemKey', () => {
  it('has an own message for the known codes, and a catalog entry for each', () => {
    expect(fieldProblemKey('invalid_phone')).toBe('errors.invalid_phone');
    expect(fieldProblemKey('too_big')).toBeUndefined();
    expect(fieldProblemKey(undefined)).toBeUndefined();
    const messages = en.errors as Record<string, string>;
    for (const code of fieldProblemCodes) expect(messages[code], code).toBeTypeOf('string');
  });
});

describe('takenIdentity', () => {
  it('reads who has the identity already', () => {
    const error = new ApiError(409, 'identity_taken', 'x', { kind: 'phone', value: '+36301234567', customerId: 'c1' });
    expect(takenIdentity(error)).toEqual({ kind: 'phone', value: '+36301234567', customerId: 'c1' });
    expect(takenIdentity(new ApiError(409, 'identity_taken', 'x'))).toEqual({});
    expect(takenIdentity(new ApiError(404, 'not_found', 'x'))).toBeUndefined();
  });
});

describe('isMissingCustomer', () => {
  it('treats not_found and a malformed id in the address as a missing customer', () => {
    expect(isMissingCustomer(new ApiError(404, 'not_found', 'x'))).toBe(true);
    const badId = new ApiError(400, 'validation_failed', 'x', { issues: [{ path: ['customerId'], in: 'params' }] });
    expect(isMissingCustomer(badId)).toBe(true);
    const badBody = new ApiError(400, 'validation_failed', 'x', { issues: [{ path: ['title'], in: 'body' }] });
    expect(isMissingCustomer(badBody)).toBe(false);
    expect(isMissingCustomer(new ApiError(0, 'network_error', 'x'))).toBe(false);
  });
});

describe('problemUnder', () => {
  it('finds a problem on the field or inside it', () => {
    const problems = new Map([
      ['tags.2', 'too_big'],
      ['title', 'too_big'],
    ]);
    expect(problemUnder(problems, 'tags')).toBe('too_big');
    expect(problemUnder(problems, 'title')).toBe('too_big');
    expect(problemUnder(problems, 'tag')).toBeUndefined();
  });
});
