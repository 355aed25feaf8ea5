import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, percentile } from './percentile.js';

describe('percentile (percentile_cont)', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(median([1, 2, 3])).toBe(2);
    // Ten values 1..10: rank (10 − 1) × 0.9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('lies between min and max, hits them at 0 and 1, and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const x = percentile(sorted, p)!;
          expect(x).toBeGreaterThanOrEqual(sorted[0]!);
          expect(x).toBeLessThanOrEqual(sorted.at(-1)!);
          expect(percentile(sorted, 0)).toBe(sorted[0]);
          expect(percentile(sorted, 1)).toBe(sorted.at(-1));
          if (p <= q) expect(x).toBeLessThanOrEqual(percentile(sorted, q)! + 1e-6);
        },
      ),
    );
  });
});
