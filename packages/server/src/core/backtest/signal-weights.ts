/**
 * Suggested points for a signal from its lift (conversion rate with the signal ÷ base rate).
 * A rule's current points are scaled by the lift (a penalty is divided by it, so a signal that
 * hurts more gets a larger penalty), then shrunk toward the current points by n ÷ (n + k): a
 * signal seen on few leads moves its weight little. A signal without a rule starts from 0 and
 * aims at 10 points per doubling of the conversion rate (10·log2(lift)), shrunk the same way.
 */
export const shrinkLeads = 30;
/** Fewer leads with the signal than this: the figure is marked as not to be trusted. */
export const lowSampleLeads = 30;
const maxPoints = 100;

export function suggestPoints(input: {
  current: number | null;
  lift: number | null;
  leads: number;
}): number | null {
  const { current, lift, leads } = input;
  if (lift === null) return current;
  const weight = leads / (leads + shrinkLeads);
  const clamp = (v: number) => Math.max(-maxPoints, Math.min(maxPoints, v));
  if (current === null) {
    const target = clamp(10 * Math.log2(Math.max(lift, 1 / 32)));
    return Math.round(weight * target);
  }
  const target = clamp(current >= 0 ? current * lift : current / Math.max(lift, 0.1));
  return Math.round(current + weight * (target - current));
}

/** Employee-count bands for firmographic signals. */
const bands: ReadonlyArray<[number, number]> = [
  [1, 10],
  [11, 50],
  [51, 200],
  [201, 1000],
  [1001, 5000],
  [5001, 1_000_000_000],
];

export function sizeBand(employees: number | null | undefined): [number, number] | null {
  if (typeof employees !== 'number' || !Number.isFinite(employees) || employees < 1) return null;
  return bands.find(([min, max]) => employees >= min && employees <= max) ?? null;
}

const stopWords = new Set(['and', 'the', 'for', 'of', 'at', 'in', 'to', 'with']);

/** Words of a job title that can be signals ("VP, Sales" → vp, sales). */
export function titleWords(title: string | null | undefined): string[] {
  if (!title) return [];
  const words = title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set(words.filter((w) => w.length >= 2 && !stopWords.has(w)))].slice(0, 8);
}
