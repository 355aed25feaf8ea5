import type { FunnelStage } from '../dashboard/dashboard-api.js';
import { stageLabels } from '../dashboard/dashboard-data.js';
import type { Goal, GoalPlan, Pace } from './goals-api.js';

/** The goal in force on `today` (YYYY-MM-DD; the latest to start wins), else the latest goal. */
export function currentGoal(goals: readonly Goal[], today: string): Goal | null {
  const inForce = goals
    .filter((g) => g.periodStart <= today && today <= g.periodEnd)
    .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  if (inForce[0]) return inForce[0];
  return [...goals].sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0] ?? null;
}

export interface ReverseStep {
  stage: FunnelStage;
  label: string;
  required: number | null;
  /** The measured rate from this stage to the next one (how the step below was divided). */
  rateToNext: number | null;
  /** The step the plan could not compute: a rate or the deal size is missing there. */
  blocked: boolean;
}

const reverseOrder: FunnelStage[] = ['won', 'opportunity', 'sql', 'accepted', 'mql', 'lead'];

/**
 * The reverse funnel as the planner reads it, from the target down to the leads required: won
 * deals = target ÷ the average deal, then each stage = the one below ÷ its measured rate.
 */
export function reverseSteps(plan: Pick<GoalPlan, 'reverseFunnel' | 'rates'>): ReverseStep[] {
  return reverseOrder.map((stage) => ({
    stage,
    label: stage === 'won' ? 'Deals won' : stageLabels[stage],
    required: plan.reverseFunnel.required[stage] ?? null,
    rateToNext: stage === 'won' ? null : (plan.rates[stage] ?? null),
    blocked: plan.reverseFunnel.blockedAt === stage,
  }));
}

export interface PaceRow {
  key: string;
  label: string;
  money: boolean;
  actual: number;
  required: number | null;
  expectedByNow: number | null;
  onTrack: boolean | null;
  /** actual / required, capped at 1, for a progress bar; null when nothing is required. */
  progress: number | null;
  /** expectedByNow / required: where the bar should be by now. */
  expected: number | null;
}

function paceRow(key: string, label: string, pace: Pace, money = false): PaceRow {
  const required = pace.required;
  const ratio = (v: number | null) =>
    required && required > 0 && v !== null ? Math.min(1, v / required) : null;
  return {
    key,
    label,
    money,
    actual: pace.actual,
    required,
    expectedByNow: pace.expectedByNow,
    onTrack: pace.onTrack,
    progress: ratio(pace.actual),
    expected: ratio(pace.expectedByNow),
  };
}

/** Marketing's and sales' numbers against what the goal requires, side by side. */
export function paceSides(plan: Pick<GoalPlan, 'marketing' | 'sales'>): {
  marketing: PaceRow[];
  sales: PaceRow[];
} {
  return {
    marketing: [
      paceRow('leads', 'Leads', plan.marketing.leads),
      paceRow('mqls', 'MQLs', plan.marketing.mqls),
      paceRow('sourced', 'Sourced pipeline', plan.marketing.sourcedPipelineCents, true),
    ],
    sales: [
      paceRow('sqls', 'SQLs', plan.sales.sqls),
      paceRow('opportunities', 'Opportunities', plan.sales.opportunities),
      paceRow('won', 'Deals won', plan.sales.won),
      paceRow('revenue', 'Revenue won', plan.sales.revenueCents, true),
    ],
  };
}

export interface GoalForm {
  name: string;
  periodStart: string;
  periodEnd: string;
  /** Typed money, major units. */
  target: string;
  currency: string;
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** What is wrong with a goal form before it is sent, by field (the server checks again). */
export function goalFormProblems(
  form: GoalForm,
  parseMoney: (text: string) => number | null,
): Partial<Record<keyof GoalForm, string>> {
  const problems: Partial<Record<keyof GoalForm, string>> = {};
  if (form.name.trim() === '') problems.name = 'Give the goal a name';
  if (!isDay(form.periodStart)) problems.periodStart = 'Pick the first day';
  if (!isDay(form.periodEnd)) problems.periodEnd = 'Pick the last day';
  else if (isDay(form.periodStart) && form.periodEnd < form.periodStart)
    problems.periodEnd = 'must not be before the first day';
  if (parseMoney(form.target) === null) problems.target = 'Enter an amount such as 250000';
  if (!/^[A-Z]{3}$/.test(form.currency)) problems.currency = 'Three capital letters, e.g. USD';
  return problems;
}

/** The first and last day of the calendar quarter after `today` (UTC), a planner's usual default. */
export function nextQuarter(today: Date): { periodStart: string; periodEnd: string } {
  const q = Math.floor(today.getUTCMonth() / 3) + 1;
  const start = new Date(Date.UTC(today.getUTCFullYear(), q * 3, 1));
  const end = new Date(Date.UTC(today.getUTCFullYear(), q * 3 + 3, 0));
  return { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10) };
}
