/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending values by linear interpolation between closest ranks,
 * the definition of PostgreSQL's percentile_cont, so SQL rollups and this function agree.
 * @example percentile([1, 2, 3, 4], 0.5) // 2.5
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return low + (h - lo) * (high - low);
}

export function median(sorted: readonly number[]): number | null {
  return percentile(sorted, 0.5);
}
