import type { FitGrade } from '@tandem/contracts';
import { gradeRank } from './compile-contract.js';
import type { CompiledContract } from './types.js';

export interface MqlInput {
  fit: { points: number; grade: FitGrade | null };
  /** Interest at the moment of the decision (see `interestAt`). */
  interestNow: number;
  /** Id of the hand-raiser rule that matched, if any. */
  handRaised: string | null;
  /** Labels of the exclusions the lead falls under; empty when none. */
  excluded: readonly string[];
}

export type MqlReason = 'excluded' | 'hand_raiser' | 'fit_and_interest' | 'below_threshold';

/** What still separates a lead from MQL along the fit-and-interest path. */
export interface MqlGap {
  /** Interest points still needed (rounded up to the cent); 0 when enough. */
  interest: number;
  /** Grade still needed, or null when the grade is enough. */
  grade: FitGrade | null;
  /** Fit points still needed for that grade. */
  fitPoints: number;
  /** Labels of the hand-raiser rules that would qualify the lead at once. */
  handRaisers: string[];
}

export interface MqlDecision {
  qualifies: boolean;
  reason: MqlReason;
  /** Readable gap, e.g. "needs +8 interest and grade B (+12 fit), or a hand-raiser: Demo request". */
  missing: string | null;
  gap: MqlGap | null;
  excludedBy: string[];
}

/**
 * The MQL condition: never when excluded; at once on a hand-raiser; otherwise a grade at least
 * `minGrade` and interest at least `minInterest`.
 */
export function evaluateMql(compiled: CompiledContract, input: MqlInput): MqlDecision {
  if (input.excluded.length > 0) {
    return {
      qualifies: false,
      reason: 'excluded',
      missing: null,
      gap: null,
      excludedBy: [...input.excluded],
    };
  }
  if (input.handRaised !== null) {
    return { qualifies: true, reason: 'hand_raiser', missing: null, gap: null, excludedBy: [] };
  }
  const gradeOk = gradeRank(input.fit.grade) <= gradeRank(compiled.minGrade);
  const interestOk = input.interestNow >= compiled.minInterest;
  if (gradeOk && interestOk) {
    return { qualifies: true, reason: 'fit_and_interest', missing: null, gap: null, excludedBy: [] };
  }
  const needed = compiled.grades.find((g) => g.grade === compiled.minGrade)!;
  const gap: MqlGap = {
    interest: interestOk ? 0 : ceilCents(compiled.minInterest - input.interestNow),
    grade: gradeOk ? null : compiled.minGrade,
    fitPoints: gradeOk ? 0 : ceilCents(needed.min - input.fit.points),
    handRaisers: compiled.interestRules.filter((r) => r.handRaiser).map((r) => r.label),
  };
  return { qualifies: false, reason: 'below_threshold', missing: describeGap(gap), gap, excludedBy: [] };
}

function describeGap(gap: MqlGap): string {
  const parts: string[] = [];
  if (gap.interest > 0) parts.push(`+${formatPoints(gap.interest)} interest`);
  if (gap.grade !== null) parts.push(`grade ${gap.grade} (+${formatPoints(gap.fitPoints)} fit)`);
  const alternative = gap.handRaisers.length > 0 ? `, or a hand-raiser: ${gap.handRaisers.join(', ')}` : '';
  return `needs ${parts.join(' and ')}${alternative}`;
}

/** A shortfall rounded up to the cent, never below one cent (a shortfall is never zero). */
function ceilCents(value: number): number {
  // The small allowance keeps 8.0000000001 (float noise) from becoming 8.01.
  return Math.max(0.01, Math.ceil(value * 100 - 1e-6) / 100);
}

export function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
