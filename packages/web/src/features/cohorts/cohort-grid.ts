import type { CohortReport } from './cohorts-api.js';

export interface CohortCell {
  stage: string;
  count: number;
  share: number;
  /** The share relative to the best cohort at this stage, in [0, 1]: the cell's colour intensity. */
  heat: number;
}

export interface CohortGrid {
  stages: string[];
  rows: Array<{ month: string; size: number; complete: boolean; cells: CohortCell[] }>;
}

const defaultStages = ['sql', 'opportunity', 'won'];

/**
 * The cohort heatmap: one row per MQL month, one column per target stage, each cell shaded by
 * its share against the best share in its column (so the rarer "won" column still shows contrast).
 */
export function cohortGrid(report: Pick<CohortReport, 'cohorts'>): CohortGrid {
  const stages = report.cohorts[0]?.reached.map((r) => r.stage) ?? defaultStages;
  const best = stages.map((_, i) => Math.max(0, ...report.cohorts.map((c) => c.reached[i]?.share ?? 0)));
  return {
    stages,
    rows: report.cohorts.map((c) => ({
      month: c.month,
      size: c.size,
      complete: c.complete,
      cells: stages.map((stage, i) => {
        const r = c.reached[i];
        const share = r?.share ?? 0;
        const top = best[i] ?? 0;
        return { stage, count: r?.count ?? 0, share, heat: top > 0 ? share / top : 0 };
      }),
    })),
  };
}

/** A cell's background: the theme's blue, more opaque as the heat rises. */
export function heatColor(heat: number): string {
  const h = Math.min(1, Math.max(0, heat));
  return `rgba(34, 139, 230, ${(0.06 + 0.64 * h).toFixed(2)})`;
}
