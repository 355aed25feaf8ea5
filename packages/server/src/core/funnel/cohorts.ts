import { byLead, type FunnelTransition, type MainStage, reachedAt } from './types.js';

export interface CohortOptions {
  /** Days after entering the cohort stage within which a conversion counts. */
  withinDays: number;
  /** The moment the report is made: cohorts whose windows are still running are marked incomplete. */
  asOf: Date;
  /** The stage whose entry month defines the cohort (default 'mql'). */
  stage?: MainStage;
  /** The stages to measure (default SQL, opportunity, won). */
  targets?: readonly MainStage[];
  /** IANA time zone that months are cut in (default UTC). */
  timeZone?: string;
}

export interface CohortTarget {
  stage: MainStage;
  count: number;
  /** count / cohort size. */
  share: number;
}

export interface Cohort {
  /** 'YYYY-MM' of the cohort entry. */
  month: string;
  size: number;
  /** Every member's window has ended by `asOf`: the shares will not change any more. */
  complete: boolean;
  reached: CohortTarget[];
}

const dayMs = 86_400_000;

/**
 * Of the leads that first entered the cohort stage in a month, the share reaching each target
 * stage (or beyond it) within N days of that entry.
 * @example cohortConversion(transitions, { withinDays: 90, asOf: now })
 */
export function cohortConversion(transitions: readonly FunnelTransition[], options: CohortOptions): Cohort[] {
  const stage = options.stage ?? 'mql';
  const targets = options.targets ?? (['sql', 'opportunity', 'won'] as const);
  const windowMs = options.withinDays * dayMs;
  const monthOf = monthFormatter(options.timeZone ?? 'UTC');
  const cohorts = new Map<string, { size: number; lastEnd: number; counts: number[] }>();
  for (const history of byLead(transitions).values()) {
    const entry = history.find((t) => t.to === stage);
    if (!entry) continue;
    const month = monthOf(entry.at);
    const cohort = cohorts.get(month) ?? { size: 0, lastEnd: 0, counts: targets.map(() => 0) };
    cohorts.set(month, cohort);
    cohort.size += 1;
    cohort.lastEnd = Math.max(cohort.lastEnd, entry.at.getTime() + windowMs);
    const deadline = new Date(entry.at.getTime() + windowMs);
    targets.forEach((target, i) => {
      if (reachedAt(history, target, { from: entry.at, deadline })) cohort.counts[i]! += 1;
    });
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, c]) => ({
      month,
      size: c.size,
      complete: c.lastEnd <= options.asOf.getTime(),
      reached: targets.map((stage, i) => ({ stage, count: c.counts[i]!, share: c.counts[i]! / c.size })),
    }));
}

function monthFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' });
  return (at) => {
    const parts = format.formatToParts(at);
    const year = parts.find((p) => p.type === 'year')?.value;
    const month = parts.find((p) => p.type === 'month')?.value;
    return `${year}-${month}`;
  };
}
