import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents, toIntegerWeights } from './allocate-cents.js';

describe('allocateCents', () => {
  it('gives the spare cents to the largest remainders, earliest first on ties', () => {
    expect(allocateCents(100, [1n, 1n, 1n])).toEqual([34, 33, 33]);
    expect(allocateCents(100, [1n, 1n, 1n], 'latest_first')).toEqual([33, 33, 34]);
    // Quotas 14.28…, 28.57…, 57.14…: remainders .28, .57, .14, one cent left → the middle share.
    expect(allocateCents(100, [1n, 2n, 4n])).toEqual([14, 29, 57]);
  });

  it('handles zero amounts, one cent and zero weights', () => {
    expect(allocateCents(0, [1n, 2n])).toEqual([0, 0]);
    expect(allocateCents(1, [1n, 1n])).toEqual([1, 0]);
    expect(allocateCents(1, [0n, 1n, 1n])).toEqual([0, 1, 0]);
    expect(allocateCents(5, [0n, 0n])).toBeNull();
    expect(allocateCents(5, [])).toBeNull();
  });

  it('stays exact at the largest safe amount', () => {
    const amount = Number.MAX_SAFE_INTEGER;
    const shares = allocateCents(amount, [3n, 7n, 11n])!;
    expect(shares.reduce((s, c) => s + c, 0)).toBe(amount);
  });

  it('rejects amounts that are not whole non-negative cents', () => {
    expect(() => allocateCents(1.5, [1n])).toThrow(RangeError);
    expect(() => allocateCents(-1, [1n])).toThrow(RangeError);
    expect(() => allocateCents(1, [-1n])).toThrow(RangeError);
  });

  it('always sums to the amount; spare cents go to the largest remainders', () => {
    const small = fc.tuple(
      fc.integer({ min: 0, max: 100_000 }),
      fc.array(fc.bigInt({ min: 0n, max: 1000n })),
    );
    const large = fc.tuple(
      fc.maxSafeNat(),
      fc.array(fc.bigInt({ min: 0n, max: 1n << 60n }), { maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.oneof(small, large), ([amount, weights]) => {
        const shares = allocateCents(amount, weights);
        const total = weights.reduce((s, w) => s + w, 0n);
        if (total === 0n) {
          expect(shares).toBeNull();
          return;
        }
        expect(shares!.reduce((s, c) => s + BigInt(c), 0n)).toBe(BigInt(amount));
        const remainder = (i: number) => (BigInt(amount) * weights[i]!) % total;
        const extra = shares!.map((c, i) => BigInt(c) - (BigInt(amount) * weights[i]!) / total);
        for (const e of extra) expect(e === 0n || e === 1n).toBe(true);
        // No touch without the spare cent has a larger remainder, or an equal one and an earlier place.
        extra.forEach((ei, i) => {
          if (ei === 0n) return;
          extra.forEach((ej, j) => {
            if (ej === 1n) return;
            expect(remainder(i) > remainder(j) || (remainder(i) === remainder(j) && i < j)).toBe(true);
          });
        });
      }),
    );
  });
});

describe('toIntegerWeights', () => {
  it('scales relative to the largest weight and keeps order', () => {
    expect(toIntegerWeights([0.5, 1, 0.25])).toEqual([2n ** 47n, 2n ** 48n, 2n ** 46n]);
    expect(toIntegerWeights([0, 0])).toEqual([0n, 0n]);
    expect(toIntegerWeights([-1, Number.NaN, 2])).toEqual([0n, 0n, 2n ** 48n]);
  });

  it('is monotone', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 10 }), (raw) => {
        const ints = toIntegerWeights(raw);
        for (let i = 0; i < raw.length; i++)
          for (let j = 0; j < raw.length; j++)
            if (raw[i]! <= raw[j]!) expect(ints[i]! <= ints[j]!).toBe(true);
      }),
    );
  });
});
