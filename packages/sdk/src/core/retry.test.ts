import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, baseDelayMs, maxDelayMs, outcomeOf } from './retry.js';

describe('outcomeOf', () => {
  it.each([
    [200, 'ok'],
    [204, 'ok'],
    [0, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'drop'],
    [401, 'drop'],
    [413, 'drop'],
  ] as const)('status %i → %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, jittered within the upper half', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          const delay = backoffDelay(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(3_000);
    expect(backoffDelay(30, () => 0.999_999)).toBe(maxDelayMs);
  });
});
