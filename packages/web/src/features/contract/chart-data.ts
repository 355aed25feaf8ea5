import type { BacktestResult, jobStatuses, Signal } from '@tandem/contracts';

/** Restated: the shared schema's mapped union infers as `never` for BacktestRun['status']. */
export type JobStatus = (typeof jobStatuses)[number];

/** Data for a grouped bar chart: one category per bar group, one series per colour. */
export interface BarChartData {
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  /** The top of the value axis: the largest value, at least 1 so an empty chart still draws. */
  max: number;
}

const maxOf = (series: BarChartData['series']) => Math.max(1, ...series.flatMap((s) => s.values));

/** The presets the backtest window offers, in days back from now. */
export const windowPresets = [90, 180, 365] as const;

/** A window of `days` ending now, as the backtest request wants it. */
export function windowFor(days: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() };
}

/** MQLs per week, the candidate next to the active version (weeks shown as "Mar 3"). */
export function weeklyMqls(result: Pick<BacktestResult, 'mqlsPerWeek' | 'active'>): BarChartData {
  const weeks = result.mqlsPerWeek;
  const series = [{ name: 'Candidate', values: weeks.map((w) => w.candidate) }];
  if (result.active) series.push({ name: 'Active', values: weeks.map((w) => w.active) });
  return { categories: weeks.map((w) => shortDate(w.week)), series, max: maxOf(series) };
}

function shortDate(day: string): string {
  const [, month, date] = day.split('-');
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const name = names[Number(month) - 1];
  return name && date ? `${name} ${Number(date)}` : day;
}

const gradeOrder = ['A', 'B', 'C', 'D'];

/** Leads per fit grade, best first, "No grade" last, whatever order the server sent. */
export function gradeDistribution(grades: BacktestResult['fitGrades']): BarChartData {
  const rank = (g: string) => {
    const i = gradeOrder.indexOf(g);
    return i === -1 ? gradeOrder.length : i;
  };
  const sorted = [...grades].sort((a, b) => rank(a.grade) - rank(b.grade));
  const series = [{ name: 'Leads', values: sorted.map((g) => g.count) }];
  return {
    categories: sorted.map((g) => (gradeOrder.includes(g.grade) ? g.grade : 'No grade')),
    series,
    max: maxOf(series),
  };
}

/** Leads per interest band at the end of the window ("0–10", …, the last band open-ended). */
export function interestBands(histogram: BacktestResult['interestHistogram']): BarChartData {
  const bins = [...histogram].sort((a, b) => a.from - b.from);
  const series = [{ name: 'Leads', values: bins.map((b) => b.count) }];
  return {
    categories: bins.map((b) => `${trim(b.from)}–${trim(b.to)}`),
    series,
    max: maxOf(series),
  };
}

const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export interface MetricCard {
  label: string;
  candidate: string;
  active: string | null;
  /** Candidate minus active, signed and formatted; null without an active version or a value. */
  delta: string | null;
  /** Whether the candidate does better (more precision, recall, lift); null when not comparable. */
  better: boolean | null;
}

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
const times = (r: number) => `${r.toFixed(2)}×`;

function card(
  label: string,
  candidate: number | null,
  active: number | null | undefined,
  format: (n: number) => string,
  deltaFormat: (n: number) => string,
): MetricCard {
  const comparable = candidate !== null && active !== null && active !== undefined;
  const diff = comparable ? candidate - active : null;
  return {
    label,
    candidate: candidate === null ? '—' : format(candidate),
    active: active === undefined ? null : active === null ? '—' : format(active),
    delta: diff === null ? null : `${diff >= 0 ? '+' : '−'}${deltaFormat(Math.abs(diff))}`,
    better: diff === null || diff === 0 ? null : diff > 0,
  };
}

/** The headline figures of a backtest, candidate against the active version. */
export function metricCards(result: Pick<BacktestResult, 'candidate' | 'active'>): MetricCard[] {
  const a = result.active ?? undefined;
  const points = (n: number) => `${(n * 100).toFixed(1)} pts`;
  const mqls = card('MQLs', result.candidate.mqls, a?.mqls, String, String);
  return [
    { ...mqls, better: null },
    card('Precision', result.candidate.precision, a?.precision, percent, points),
    card('Recall', result.candidate.recall, a?.recall, percent, points),
    card('Lift', result.candidate.lift, a?.lift, times, (n) => n.toFixed(2)),
  ];
}

/** Whether polling a run can stop. */
export function runFinished(run: { status: JobStatus }): boolean {
  return run.status === 'done' || run.status === 'failed';
}

/** Share of the work done, 0–100, for a progress bar (0 while the total is unknown). */
export function progressPercent(progress: { done: number; total: number }): number {
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

export type SignalSortKey = 'label' | 'lift' | 'withRate' | 'leads' | 'suggestedPoints';

const sortValue: Record<SignalSortKey, (s: Signal) => number | string | null> = {
  label: (s) => s.label.toLowerCase(),
  lift: (s) => s.lift,
  withRate: (s) => s.withSignal.rate,
  leads: (s) => s.withSignal.leads,
  suggestedPoints: (s) => s.suggestedPoints,
};

/** Signals sorted by a column; missing values (no denominator) always last, ties by label. */
export function sortSignals(
  signals: readonly Signal[],
  key: SignalSortKey,
  direction: 'asc' | 'desc',
): Signal[] {
  const value = sortValue[key];
  const sign = direction === 'asc' ? 1 : -1;
  return [...signals].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (x < y ? -1 : 1) * sign;
    }
    return a.label.localeCompare(b.label);
  });
}

/** The signals ticked for a new draft: only those with a suggestion can be picked. */
export function pickableSignals(signals: readonly Signal[]): Set<string> {
  return new Set(signals.filter((s) => s.suggestedPoints !== null).map((s) => s.key));
}
