import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { describeError } from './describe-error.js';
import { fieldError, isFieldError } from './field-error.js';

const problem = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({ status: 400, code: 'validation_failed', detail: 'is invalid', ...init });

describe('describeError', () => {
  it('says plainly that credentials are wrong', () => {
    expect(describeError(problem({ status: 401, code: 'invalid_credentials' }))).toBe(
      'The email or password is incorrect.',
    );
  });

  it('gives the wait time of a throttled login in seconds or minutes', () => {
    expect(describeError(problem({ status: 429, code: 'login_throttled', retryAfter: 1 }))).toBe(
      'Too many failed attempts. Try again in 1 second.',
    );
    expect(describeError(problem({ status: 429, code: 'login_throttled', retryAfter: 45 }))).toBe(
      'Too many failed attempts. Try again in 45 seconds.',
    );
    expect(describeError(problem({ status: 429, code: 'login_throttled', retryAfter: 600 }))).toBe(
      'Too many failed attempts. Try again in 10 minutes.',
    );
    expect(describeError(problem({ status: 429, code: 'login_throttled', detail: 'try later' }))).toBe(
      'Too many failed attempts. try later',
    );
  });

  it('names the field of a validation problem when the detail does not', () => {
    expect(describeError(problem({ field: '/password', detail: 'must be at least 10 characters' }))).toBe(
      'password: must be at least 10 characters',
    );
    expect(describeError(problem({ field: '/email', detail: 'a user with email x exists' }))).toBe(
      'a user with email x exists',
    );
  });

  it('covers network trouble and errors that did not come from the server', () => {
    expect(describeError(problem({ status: 0, code: 'network_error' }))).toMatch(/could not be reached/);
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('???')).toBe('Something went wrong.');
  });
});

describe('fieldError', () => {
  it('finds the message for one input among several problems', () => {
    const error = problem({
      field: '/email',
      detail: 'must be an email address',
      errors: [
        { field: '/email', detail: 'must be an email address' },
        { field: '/name', detail: 'must not be empty' },
      ],
    });
    expect(fieldError(error, 'email')).toBe('must be an email address');
    expect(fieldError(error, 'name')).toBe('must not be empty');
    expect(fieldError(error, 'role')).toBeNull();
    expect(isFieldError(error, ['role', 'name'])).toBe(true);
    expect(fieldError(new Error('x'), 'email')).toBeNull();
  });
});
