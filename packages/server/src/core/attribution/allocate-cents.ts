/** Which of two equal remainders takes the spare cent: the earlier touch, or the later one. */
export type TieOrder = 'earliest_first' | 'latest_first';

/**
 * Splits `amountCents` over integer weights by the largest-remainder method, exactly.
 * Each share is first rounded down; the cents left over (fewer than the number of shares) go one
 * each to the largest remainders, ties broken by position. Positions are touch order (time, then
 * id), so the same input always yields the same cents. Returns null when every weight is zero:
 * there is nothing to split by and the caller decides where the amount goes.
 * Arithmetic is exact integer arithmetic (BigInt when products outgrow a double), so amounts up to
 * Number.MAX_SAFE_INTEGER never lose a cent.
 * @example allocateCents(100, [1n, 1n, 1n]) // [34, 33, 33]
 */
export function allocateCents(
  amountCents: number,
  weights: readonly bigint[],
  ties: TieOrder = 'earliest_first',
): number[] | null {
  assertCents(amountCents);
  let total = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('attribution weights must not be negative');
    total += w;
  }
  if (total === 0n) return null;
  // Every product amount × weight is at most amount × total: when that fits in a double's exact
  // integer range, plain numbers give the same exact result several times faster than BigInt.
  const { shares, remainders } =
    BigInt(amountCents) * total <= maxExact
      ? quotasInNumbers(amountCents, weights.map(Number), Number(total))
      : quotasInBigInts(BigInt(amountCents), weights, total);
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return ties === 'earliest_first' ? a - b : b - a;
  });
  // Shares never exceed the amount, so these sums are exact; the leftover is fewer than the
  // number of non-zero remainders, so one pass suffices.
  let leftover = amountCents - shares.reduce((sum, c) => sum + c, 0);
  for (const i of order) {
    if (leftover === 0) break;
    shares[i] = shares[i]! + 1;
    leftover -= 1;
  }
  return shares;
}

const maxExact = BigInt(Number.MAX_SAFE_INTEGER);

interface Quotas {
  /** Each share rounded down, in cents. */
  shares: number[];
  /** What rounding down left, in units of 1/total cent; only compared with each other. */
  remainders: (number | bigint)[];
}

function quotasInNumbers(amount: number, weights: readonly number[], total: number): Quotas {
  const remainders = weights.map((w) => (amount * w) % total);
  // Subtracting the remainder first makes the division exact: no rounding can reach the next integer.
  const shares = weights.map((w, i) => (amount * w - remainders[i]!) / total);
  return { shares, remainders };
}

function quotasInBigInts(amount: bigint, weights: readonly bigint[], total: bigint): Quotas {
  return {
    shares: weights.map((w) => Number((amount * w) / total)),
    remainders: weights.map((w) => (amount * w) % total),
  };
}

/** Fixed-point scale for turning real-valued weights into exact integers (2^48 keeps 14 digits). */
const weightScale = 2 ** 48;

/**
 * Converts real weights (decay factors, Markov shares) to integers relative to the largest, so
 * the allocation after it is exact. Rounding is monotone: a larger weight never becomes smaller.
 * Negative or non-finite weights count as zero.
 */
export function toIntegerWeights(weights: readonly number[]): bigint[] {
  let max = 0;
  for (const w of weights) if (Number.isFinite(w) && w > max) max = w;
  if (max === 0) return weights.map(() => 0n);
  return weights.map((w) => (Number.isFinite(w) && w > 0 ? BigInt(Math.round((w / max) * weightScale)) : 0n));
}

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
    throw new RangeError(`amount must be a non-negative integer number of cents, got ${amountCents}`);
  }
}
