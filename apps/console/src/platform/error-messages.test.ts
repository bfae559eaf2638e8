import { describe, expect, it } from 'vitest';
import { ApiError, parseErrorBody } from './api-client';
import {
  clientValidationError,
  describeError,
  errorReference,
  invalidFields,
  minutesToWait,
  translatedErrorCodes,
} from './error-messages';
import en from '../locales/en.json';

describe('describeError', () => {
  it('maps a known code to its catalog key', () => {
    expect(describeError(new ApiError(401, 'invalid_credentials', 'x'))).toEqual({ key: 'errors.invalid_credentials' });
    expect(describeError(new ApiError(0, 'network_error', 'x'))).toEqual({ key: 'errors.network_error' });
  });

  it('falls back to errors.unknown for unknown codes and non-API errors', () => {
    expect(describeError(new ApiError(418, 'teapot', 'x'))).toEqual({ key: 'errors.unknown' });
    expect(describeError(new TypeError('boom'))).toEqual({ key: 'errors.unknown' });
    expect(describeError('text')).toEqual({ key: 'errors.unknown' });
  });

  it('turns retryAfterSeconds into whole minutes for the plural message', () => {
    const error = new ApiError(429, 'too_many_attempts', 'x', { retryAfterSeconds: 61 });
    expect(describeError(error)).toEqual({ key: 'errors.too_many_attempts_retry', values: { count: 2 } });
  });

  it('keeps the generic too_many_attempts message without a usable wait time', () => {
    expect(describeError(new ApiError(429, 'too_many_attempts', 'x'))).toEqual({ key: 'errors.too_many_attempts' });
    expect(describeError(new ApiError(429, 'too_many_attempts', 'x', { retryAfterSeconds: 'soon' }))).toEqual({
      key: 'errors.too_many_attempts',
    });
  });

  it('has a catalog message for every code it translates', () => {
    const errors = en.errors as Record<string, string>;
    for (const code of translatedErrorCodes) expect(errors[code], code).toBeTypeOf('string');
  });
});

describe('minutesToWait', () => {
  it('rounds up and never says zero', () => {
    expect(minutesToWait(1)).toBe(1);
    expect(minutesToWait(60)).toBe(1);
    expect(minutesToWait(61)).toBe(2);
    expect(minutesToWait(900)).toBe(15);
  });
});

describe('invalidFields', () => {
  it('lists the first path segment of each issue once, in order', () => {
    const error = new ApiError(400, 'validation_failed', 'x', {
      issues: [
        { path: ['email'], message: 'bad', code: 'invalid_format' },
        { path: ['workingHours', 2, 'end'], message: 'bad', code: 'custom' },
        { path: ['email'], message: 'again', code: 'too_small' },
        { path: [], message: 'root', code: 'custom' },
      ],
    });
    expect(invalidFields(error)).toEqual(['email', 'workingHours']);
  });

  it('is empty for other errors or malformed details', () => {
    expect(invalidFields(new ApiError(409, 'email_taken', 'x'))).toEqual([]);
    expect(invalidFields(new ApiError(400, 'validation_failed', 'x', { issues: 'nope' }))).toEqual([]);
    expect(invalidFields(null)).toEqual([]);
  });
});

describe('clientValidationError', () => {
  it('builds a validation_failed error the form renders like the server one', () => {
    const error = clientValidationError(['name', 'password']);
    expect(error?.code).toBe('validation_failed');
    expect(invalidFields(error)).toEqual(['name', 'password']);
    expect(clientValidationError([])).toBeNull();
  });
});

describe('parseErrorBody', () => {
  it('reads the standard error body', () => {
    const error = parseErrorBody(409, { error: { code: 'last_owner', message: 'm', requestId: 'req-1', details: { a: 1 } } });
    expect(error).toMatchObject({ status: 409, code: 'last_owner', requestId: 'req-1', details: { a: 1 } });
  });

  it('copes with bodies that are not Rapport errors', () => {
    expect(parseErrorBody(502, undefined).code).toBe('internal_error');
    expect(parseErrorBody(404, '<html>').code).toBe('unknown');
  });
});

describe('errorReference', () => {
  it('offers the request id only for server failures', () => {
    expect(errorReference(new ApiError(500, 'internal_error', 'x', undefined, 'req-9'))).toBe('req-9');
    expect(errorReference(new ApiError(400, 'validation_failed', 'x', undefined, 'req-9'))).toBeUndefined();
  });
});
