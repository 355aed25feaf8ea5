import type { StageConversion } from './funnel-counts.js';
import { type MainStage, mainStages } from './types.js';

/** Conversion rate from each main stage to the next, keyed by the earlier stage; null when unmeasured. */
export type StepRates = Record<Exclude<MainStage, 'won'>, number | null>;

export function stepRates(conversions: readonly StageConversion[]): StepRates {
  const rates: StepRates = { lead: null, mql: null, accepted: null, sql: null, opportunity: null };
  for (const c of conversions) if (c.from !== 'won') rates[c.from] = c.rate;
  return rates;
}

/** Mean of won deal amounts in cents, or null with no won deal to measure. */
export function averageDealCents(wonAmountsCents: readonly number[]): number | null {
  if (wonAmountsCents.length === 0) return null;
  return wonAmountsCents.reduce((s, a) => s + a, 0) / wonAmountsCents.length;
}

export interface ReverseFunnelInput {
  goalCents: number;
  averageDealCents: number | null;
  rates: StepRates;
}

export interface ReverseFunnel {
  /** How many of each stage the goal needs; null from the first stage that cannot be computed upwards. */
  required: Record<MainStage, number | null>;
  /** The stage whose rate (or, for 'won', the deal size) is missing or zero, or null when complete. */
  blockedAt: MainStage | null;
}

/**
 * From a revenue goal to the deals, opportunities, SQLs, accepted leads, MQLs and leads it takes,
 * walking the funnel upwards: won deals = ⌈goal / average deal⌉, then each stage = ⌈next stage /
 * its conversion rate⌉. Rounding up at every step, because a fraction of a lead cannot be worked.
 * @example reverseFunnel({ goalCents: 100_000_00, averageDealCents: 25_000_00, rates })
 */
export function reverseFunnel(input: ReverseFunnelInput): ReverseFunnel {
  const required: Record<MainStage, number | null> = {
    lead: null,
    mql: null,
    accepted: null,
    sql: null,
    opportunity: null,
    won: null,
  };
  if (input.goalCents <= 0) {
    for (const s of mainStages) required[s] = 0;
    return { required, blockedAt: null };
  }
  if (input.averageDealCents === null || !(input.averageDealCents > 0)) return { required, blockedAt: 'won' };
  let next = ceilDiv(input.goalCents, input.averageDealCents);
  required.won = next;
  for (let i = mainStages.length - 2; i >= 0; i--) {
    const stage = mainStages[i] as keyof StepRates;
    const rate = input.rates[stage];
    if (rate === null || !(rate > 0)) return { required, blockedAt: stage };
    next = ceilDiv(next, Math.min(rate, 1));
    required[stage] = next;
  }
  return { required, blockedAt: null };
}

/**
 * ⌈a / b⌉ that ignores floating-point dust: 21 / 0.7 is 30.000000000000004 in binary floating
 * point, and asking for 31 SQLs instead of 30 would be wrong. The tolerance, a few units in the
 * last place, covers the representation of the rate and the division, nothing a real count can be.
 */
export function ceilDiv(a: number, b: number): number {
  const q = a / b;
  const nearest = Math.round(q);
  if (Math.abs(q - nearest) <= 8 * Number.EPSILON * Math.abs(q)) return nearest;
  return Math.ceil(q);
}
