import type { BacktestResult, OutcomeStage } from '@tandem/contracts';

const dayMs = 86_400_000;
const weekMs = 7 * dayMs;

/** Per lead (index l), what the replay decided; NaN means "never". */
export interface ContractReplay {
  /** First MQL time. */
  mqlAt: Float64Array;
  /** Interest at the end of the window. */
  interest: Float64Array;
  /** Fit grade index (0 A … 3 D, 4 none). */
  grade: Uint8Array;
}

export interface BacktestInput {
  from: number;
  to: number;
  outcome: { stage: OutcomeStage; withinDays: number };
  leadCount: number;
  /** 1 when the lead had an event inside the window: the population measured. */
  inWindow: Uint8Array;
  /** When the lead first reached the outcome stage (or a later one); NaN when never. */
  outcomeAt: Float64Array;
  /** Index into `reps` of the lead's rep under today's routing; −1 when none. */
  rep: Int32Array;
  reps: ReadonlyArray<{ id: string; name: string }>;
  candidate: ContractReplay;
  active: ContractReplay | null;
  /** Upper bound of the interest histogram (the candidate's total cap). */
  interestCap: number;
  events: number;
}

/** The backtest's figures before the flipped leads are named (the caller looks them up). */
export type BacktestSummary = Omit<
  BacktestResult,
  'candidateVersion' | 'activeVersion' | 'flips' | 'elapsedMs'
> & {
  flips: { gainedCount: number; lostCount: number; gained: number[]; lost: number[] };
};

const gradeNames = ['A', 'B', 'C', 'D', 'none'];
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const flipLimit = 100;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const day = Math.floor(t / dayMs);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counted from Monday.
  return (day - ((day + 3) % 7)) * dayMs;
}

/**
 * Precision, recall and lift of a replay against what really happened. A lead is an MQL of the
 * window when the MQL condition first held at an event inside it; it converted when it reached
 * the outcome stage within `withinDays` after that MQL time. The base rate is the share of the
 * window's leads that reached the outcome between `from` and `withinDays` after `to`.
 */
export function summarizeBacktest(input: BacktestInput): BacktestSummary {
  const { from, to, leadCount, inWindow, outcomeAt, candidate, active } = input;
  const within = input.outcome.withinDays * dayMs;
  const isMql = (r: ContractReplay, l: number) => {
    const t = r.mqlAt[l]!;
    return t >= from && t <= to;
  };
  const hit = (r: ContractReplay, l: number) => {
    const o = outcomeAt[l]!;
    const t = r.mqlAt[l]!;
    return o >= t && o <= t + within;
  };
  let leads = 0;
  let converted = 0;
  const c = { mqls: 0, tp: 0 };
  const a = { mqls: 0, tp: 0 };
  const firstWeek = weekStart(from);
  const weeks = Math.max(1, Math.floor((weekStart(to) - firstWeek) / weekMs) + 1);
  const perWeek = { candidate: new Int32Array(weeks), active: new Int32Array(weeks) };
  const perRep = new Int32Array(input.reps.length + 1);
  const grades = new Int32Array(gradeNames.length);
  const bins = 10;
  const binWidth = input.interestCap > 0 ? input.interestCap / bins : 1;
  const histogram = new Int32Array(bins);
  const gained: number[] = [];
  const lost: number[] = [];
  for (let l = 0; l < leadCount; l++) {
    if (inWindow[l] !== 1) continue;
    leads++;
    const o = outcomeAt[l]!;
    if (o >= from && o <= to + within) converted++;
    grades[Math.min(candidate.grade[l]!, 4)]!++;
    const value = candidate.interest[l]!;
    histogram[Math.min(bins - 1, Math.max(0, Math.floor(value / binWidth)))]!++;
    const cm = isMql(candidate, l);
    if (cm) {
      c.mqls++;
      if (hit(candidate, l)) c.tp++;
      perWeek.candidate[Math.floor((weekStart(candidate.mqlAt[l]!) - firstWeek) / weekMs)]!++;
      perRep[input.rep[l]! + 1]!++;
    }
    if (active) {
      const am = isMql(active, l);
      if (am) {
        a.mqls++;
        if (hit(active, l)) a.tp++;
        perWeek.active[Math.floor((weekStart(active.mqlAt[l]!) - firstWeek) / weekMs)]!++;
      }
      if (cm && !am) gained.push(l);
      if (am && !cm) lost.push(l);
    }
  }
  const baseRate = ratio(converted, leads);
  const confusion = (x: { mqls: number; tp: number }) => {
    const precision = ratio(x.tp, x.mqls);
    return {
      mqls: x.mqls,
      converted,
      truePositives: x.tp,
      precision,
      recall: ratio(x.tp, converted),
      lift: precision === null || baseRate === null || baseRate === 0 ? null : precision / baseRate,
    };
  };
  const byInterest = (list: number[]) =>
    list.sort((x, y) => candidate.interest[y]! - candidate.interest[x]! || x - y).slice(0, flipLimit);
  return {
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    outcome: { stage: input.outcome.stage, withinDays: input.outcome.withinDays },
    leads,
    events: input.events,
    baseRate,
    candidate: confusion(c),
    active: active ? confusion(a) : null,
    mqlsPerWeek: Array.from({ length: weeks }, (_, w) => ({
      week: new Date(firstWeek + w * weekMs).toISOString().slice(0, 10),
      candidate: perWeek.candidate[w]!,
      active: perWeek.active[w]!,
    })),
    mqlsPerRep: [...perRep.entries()]
      .filter(([, count]) => count > 0)
      .map(([k, count]) => {
        const rep = k === 0 ? null : input.reps[k - 1]!;
        return { repId: rep?.id ?? null, repName: rep?.name ?? 'Unassigned', count };
      })
      .sort((x, y) => y.count - x.count || x.repName.localeCompare(y.repName)),
    fitGrades: gradeNames.map((grade, k) => ({ grade, count: grades[k]! })),
    interestHistogram: [...histogram].map((count, k) => ({
      from: k * binWidth,
      to: (k + 1) * binWidth,
      count,
    })),
    flips: {
      gainedCount: gained.length,
      lostCount: lost.length,
      gained: byInterest(gained),
      lost: byInterest(lost),
    },
  };
}
