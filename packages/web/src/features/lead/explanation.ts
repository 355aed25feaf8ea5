import type { InterestHit, ScoreExplanation } from './lead-api.js';

/** Cents as points with two decimals: 4120 → "41.20". */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Signed points: 20 → "+20", −15 → "−15", 0 → "0". */
export function pointsText(points: number): string {
  const rounded = Math.round(points * 100) / 100;
  if (rounded > 0) return `+${rounded}`;
  if (rounded < 0) return `−${Math.abs(rounded)}`;
  return '0';
}

/** How much of its value an event keeps after decay: 0.5 → "50%". */
export function decayText(decay: number): string {
  const pct = decay * 100;
  return `${pct >= 10 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** What happened to a hit's points: capped, clamped to the total cap, or applied in full. */
export function hitNote(hit: InterestHit): string | null {
  if (hit.cappedByFrequency) return 'capped: the rule already scored often enough in its window';
  if (hit.clampedByTotal) {
    // Interest is clamped to [0, totalCap]: a negative rule meets the floor, a positive one the cap.
    const bound = hit.points < 0 ? 'interest never goes below zero' : 'clamped to the total cap';
    return `${bound} (${pointsText(hit.applied)} of ${pointsText(hit.points)})`;
  }
  return null;
}

export interface Totals {
  fitPoints: number;
  /** Sum of the hits' fit points; equals fit.points. */
  fitSum: number;
  interestCents: number;
  /** Sum of the hits' contributions in cents; equals interest.totalCents. */
  interestSumCents: number;
  /** The stored score, decayed to the same instant; null for a lead never scored. */
  storedCents: number | null;
  /** Whether the explanation adds up and agrees with the stored score. */
  consistent: boolean;
}

/** The sums the page shows under each table, and whether they agree with the stored score. */
export function explanationTotals(x: ScoreExplanation): Totals {
  const fitSum = x.fit.hits.reduce((sum, h) => sum + h.points, 0);
  const interestSumCents = x.interest.hits.reduce((sum, h) => sum + h.contributionCents, 0);
  const storedCents = x.stored.interestCents;
  const consistent =
    fitSum === x.fit.points &&
    interestSumCents === x.interest.totalCents &&
    (storedCents === null || storedCents === x.interest.totalCents) &&
    x.stored.fitPoints === x.fit.points;
  return {
    fitPoints: x.fit.points,
    fitSum,
    interestCents: x.interest.totalCents,
    interestSumCents,
    storedCents,
    consistent,
  };
}

/** Hits newest first, the order a reader scans recent activity in. */
export function hitsNewestFirst(hits: readonly InterestHit[]): InterestHit[] {
  return [...hits].sort((a, b) => (a.event.at < b.event.at ? 1 : a.event.at > b.event.at ? -1 : 0));
}
