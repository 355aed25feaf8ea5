import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.js';
import { contractProblems, fromLocalInput, toLocalInput } from './draft-problems.js';

describe('contractProblems', () => {
  it('takes every problem of a validation failure', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      detail: 'must be one of: …',
      field: '/fit/rules/3/op',
      errors: [
        { field: '/fit/rules/3/op', detail: 'must be one of: …' },
        { field: '/mql/handRaisers/1', detail: "no interest rule has id 'webinar'" },
      ],
    });
    expect(contractProblems(error).map((p) => p.field)).toEqual(['/fit/rules/3/op', '/mql/handRaisers/1']);
  });

  it('falls back to the single field, and ignores other failures', () => {
    const single = new ApiError({ status: 400, code: 'validation_failed', detail: 'bad', field: '/yaml' });
    expect(contractProblems(single)).toEqual([{ field: '/yaml', detail: 'bad' }]);
    expect(contractProblems(new ApiError({ status: 409, code: 'conflict', detail: 'not a draft' }))).toEqual(
      [],
    );
    expect(contractProblems(new Error('x'))).toEqual([]);
  });
});

describe('effective time input', () => {
  it('round-trips through the local datetime input', () => {
    const iso = '2026-03-01T09:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
  });
});
