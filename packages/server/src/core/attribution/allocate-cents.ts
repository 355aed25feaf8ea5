/** Which of two equal remainders takes the spare cent: the earlier touch, or the later one. */
export type TieOrder = 'earliest_first' | 'latest_first';

/**
 * Splits `amountCents` over integer weights by the largest-remainder method, exactly.
 * Each share is first rounded down; the cents left over (fewer than the number of shares) go one
 * each to the largest remainders, ties broken by position. Positions are touch order (time, then
 * id), so the same input always yields the same cents. Returns null when every weight is zero:
 * there is nothing to split by and the caller decides where the amount goes.
 * Arithmetic is in BigInt so amounts up to Number.MAX_SAFE_INTEGER never lose a cent.
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
  const amount = BigInt(amountCents);
  const shares: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of weights) {
    const quota = amount * w;
    const share = quota / total;
    shares.push(share);
    remainders.push(quota % total);
    given += share;
  }
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return ties === 'earliest_first' ? a - b : b - a;
  });
  // Exact arithmetic bounds the leftover by the count of non-zero remainders, so one pass suffices.
  let leftover = Number(amount - given);
  for (const i of order) {
    if (leftover === 0) break;
    shares[i] = shares[i]! + 1n;
    leftover -= 1;
  }
  return shares.map(Number);
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
