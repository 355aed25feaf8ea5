import type { StepRates } from './reverse-funnel.js';
import { type MainStage, mainRank, mainStages } from './types.js';

export interface PipelineOpportunity {
  id: string;
  amountCents: number;
  /** Pipeline stage name (workspace-defined). */
  stage: string;
  /** Win probability in whole percent, 0–100. */
  probability: number;
  /** Expected close date, 'YYYY-MM-DD'; null when not set. */
  closeDate: string | null;
  status: 'open' | 'won' | 'lost';
}

export interface PipelineStage {
  stage: string;
  count: number;
  amountCents: number;
  weightedCents: number;
}

export interface WeightedPipeline {
  stages: PipelineStage[];
  amountCents: number;
  /** Sum of the stages' weighted amounts, so the total always reconciles with its rows. */
  weightedCents: number;
  /** Open opportunities without a close date: not forecast, listed so they can be fixed. */
  undated: number;
}

/**
 * Weighted pipeline: open opportunities expected to close in [from, to] (inclusive dates), each
 * amount × its stage probability. Per stage the exact sum Σ amount × probability / 100 is rounded
 * half up once, so no cent drifts across many small rounding steps.
 * @example weightedPipeline(opportunities, { from: '2025-04-01', to: '2025-06-30' })
 */
export function weightedPipeline(
  opportunities: readonly PipelineOpportunity[],
  window: { from: string; to: string; stageOrder?: readonly string[] },
): WeightedPipeline {
  const stages = new Map<string, { count: number; amount: bigint; weighted: bigint }>();
  let undated = 0;
  for (const o of opportunities) {
    if (o.status !== 'open') continue;
    if (o.closeDate === null) {
      undated += 1;
      continue;
    }
    if (o.closeDate < window.from || o.closeDate > window.to) continue;
    const s = stages.get(o.stage) ?? { count: 0, amount: 0n, weighted: 0n };
    stages.set(o.stage, s);
    s.count += 1;
    s.amount += BigInt(o.amountCents);
    s.weighted += BigInt(o.amountCents) * BigInt(Math.round(o.probability));
  }
  const order = window.stageOrder ?? [];
  const rows = [...stages.entries()]
    .sort(([a], [b]) => rankIn(order, a) - rankIn(order, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([stage, s]) => ({
      stage,
      count: s.count,
      amountCents: Number(s.amount),
      weightedCents: Number((s.weighted + 50n) / 100n),
    }));
  return {
    stages: rows,
    amountCents: rows.reduce((sum, r) => sum + r.amountCents, 0),
    weightedCents: rows.reduce((sum, r) => sum + r.weightedCents, 0),
    undated,
  };
}

function rankIn(order: readonly string[], stage: string): number {
  const i = order.indexOf(stage);
  return i < 0 ? order.length : i;
}

export interface OpenLead {
  leadId: string;
  stage: MainStage;
  enteredAt: Date;
}

export interface FunnelForecastInput {
  open: readonly OpenLead[];
  rates: StepRates;
  averageDealCents: number | null;
  /** Median time in each stage, from `stageVelocity`. */
  stageMedianMs: Partial<Record<MainStage, number | null>>;
  asOf: Date;
  /** Count only revenue expected to close by then; without it, all revenue still to come. */
  horizonEnd?: Date;
}

export interface FunnelForecastStage {
  stage: MainStage;
  count: number;
  /** Product of the rates from this stage to won; null when one is unmeasured. */
  winProbability: number | null;
  /** Leads expected to close by the horizon (all of them without a horizon). */
  inHorizon: number;
  expectedRevenueCents: number;
}

export interface FunnelForecast {
  stages: FunnelForecastStage[];
  expectedRevenueCents: number;
}

/**
 * Revenue still to come from the leads in the funnel today: for each lead, its stage's measured
 * probability of winning × the average deal. A lead is expected to close once it has spent the
 * median time in its stage (counted from now if it has already overstayed) and in each later one;
 * with a horizon, only leads expected to close by then count, and a lead whose path has an
 * unmeasured stage time cannot be placed in time and is left out.
 */
export function funnelForecast(input: FunnelForecastInput): FunnelForecast {
  const stages = mainStages
    .filter((s) => s !== 'won')
    .map((stage) =>
      forecastStage(
        stage,
        input.open.filter((l) => l.stage === stage),
        input,
      ),
    );
  return { stages, expectedRevenueCents: stages.reduce((s, r) => s + r.expectedRevenueCents, 0) };
}

function forecastStage(
  stage: MainStage,
  leads: readonly OpenLead[],
  input: FunnelForecastInput,
): FunnelForecastStage {
  const winProbability = probabilityToWin(stage, input.rates);
  const rest = remainingAfter(stage, input.stageMedianMs);
  const own = input.stageMedianMs[stage] ?? null;
  let inHorizon = 0;
  for (const lead of leads) {
    if (!input.horizonEnd) {
      inHorizon += 1;
      continue;
    }
    if (own === null || rest === null) continue;
    const leaves = Math.max(input.asOf.getTime(), lead.enteredAt.getTime() + own);
    if (leaves + rest <= input.horizonEnd.getTime()) inHorizon += 1;
  }
  const expected =
    winProbability === null || input.averageDealCents === null
      ? 0
      : Math.round(inHorizon * winProbability * input.averageDealCents);
  return { stage, count: leads.length, winProbability, inHorizon, expectedRevenueCents: expected };
}

function probabilityToWin(stage: MainStage, rates: StepRates): number | null {
  let p = 1;
  for (let r = mainRank(stage); r < mainStages.length - 1; r++) {
    const rate = rates[mainStages[r] as keyof StepRates];
    if (rate === null) return null;
    p *= rate;
  }
  return p;
}

/** Median time in every stage after `stage` until won, or null when one is unmeasured. */
function remainingAfter(stage: MainStage, medians: FunnelForecastInput['stageMedianMs']): number | null {
  let total = 0;
  for (let r = mainRank(stage) + 1; r < mainStages.length - 1; r++) {
    const m = medians[mainStages[r]!] ?? null;
    if (m === null) return null;
    total += m;
  }
  return total;
}

export interface ForecastAccuracy {
  /** forecast − actual: positive when the forecast was too high. */
  errorCents: number;
  /** |error| / actual, or null when nothing closed. */
  absolutePercentError: number | null;
  /** 1 − absolutePercentError, floored at 0. */
  accuracy: number | null;
}

/** How close a past forecast came to what actually closed in its period. */
export function forecastAccuracy(forecastCents: number, actualCents: number): ForecastAccuracy {
  const errorCents = forecastCents - actualCents;
  if (actualCents <= 0) return { errorCents, absolutePercentError: null, accuracy: null };
  const ape = Math.abs(errorCents) / actualCents;
  return { errorCents, absolutePercentError: ape, accuracy: Math.max(0, 1 - ape) };
}
