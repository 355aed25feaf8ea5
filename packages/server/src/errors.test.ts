import { readFileSync } from 'node:fs';
import { errorCodes } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { AppError, errorStatus } from './errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

  it('documents every code with its status in docs/errors.md', () => {
    const rows = new Map(
      [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    for (const code of errorCodes) {
      expect(rows.get(code), `docs/errors.md lacks a row for ${code} with status ${errorStatus[code]}`).toBe(
        errorStatus[code],
      );
    }
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...errorCodes].sort());
  });

  it('renders problem details with code and field', () => {
    const problem = new AppError('validation_failed', 'must be an email', { field: '/email' }).toProblem();
    expect(problem).toEqual({
      type: 'https://tandem.dev/errors/validation_failed',
      title: 'Validation failed',
      status: 400,
      code: 'validation_failed',
      detail: 'must be an email',
      field: '/email',
    });
  });
});
