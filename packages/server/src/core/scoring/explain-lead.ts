import type { ScoringEventType } from '@tandem/contracts';
import { type ExclusionHit, evaluateExclusions, evaluateFit, type FitResult } from './evaluate-fit.js';
import { evaluateMql, type MqlDecision } from './evaluate-mql.js';
import {
  applyEventInPlace,
  compareEvents,
  decayFactor,
  interestAt,
  newInterestState,
  type RuleOutcome,
} from './interest-state.js';
import type { CompiledContract, EpochMs, ScoringEvent, ScoringSubject } from './types.js';

/** One interest rule that matched one event, and what is left of it at `now`. */
export interface InterestHit extends RuleOutcome {
  eventId: string;
  at: EpochMs;
  eventType: ScoringEventType;
  eventName: string | null;
  label: string;
  /** 2^(−(now−at)/h). */
  decay: number;
  /** applied × decay, unrounded. */
  contribution: number;
  /** The contribution in whole cents; over all hits these add up to `totalCents` exactly. */
  contributionCents: number;
}

export interface LeadExplanation {
  contract: string;
  now: EpochMs;
  fit: FitResult;
  exclusions: ExclusionHit[];
  interest: {
    /** Interest at `now`, as the live state computes it. */
    value: number;
    totalCents: number;
    halfLifeDays: number;
    totalCap: number;
    /** Events at or before `now` that were considered. */
    events: number;
    thresholdAt: EpochMs | null;
    handRaisedAt: EpochMs | null;
    hits: InterestHit[];
  };
  mql: MqlDecision;
}

/**
 * Why a lead has its score: replays its events up to `now` (time order, ties by id) and keeps
 * every rule outcome with its decay. The interest value is the replayed state's, so it equals
 * the live score; the per-hit cents are apportioned so they add up to it to the cent.
 */
export function explainLead(
  compiled: CompiledContract,
  subject: ScoringSubject,
  events: readonly ScoringEvent[],
  now: EpochMs,
): LeadExplanation {
  const fit = evaluateFit(compiled, subject);
  const exclusions = evaluateExclusions(compiled, subject);
  const considered = events.filter((e) => e.timestamp <= now).sort(compareEvents);
  const state = newInterestState(compiled);
  const hits: InterestHit[] = [];
  for (const event of considered) {
    applyEventInPlace(compiled, state, event, (outcome) => {
      const decay = decayFactor(compiled, now - event.timestamp);
      hits.push({
        ...outcome,
        eventId: event.id,
        at: event.timestamp,
        eventType: event.type,
        eventName: event.name ?? null,
        label: compiled.interestRules[outcome.ruleIndex]!.label,
        decay,
        contribution: outcome.applied * decay,
        contributionCents: 0,
      });
    });
  }
  const value = interestAt(compiled, state, now);
  const totalCents = Math.round(value * 100);
  apportionCents(hits, totalCents);
  return {
    contract: compiled.contract.name,
    now,
    fit,
    exclusions,
    interest: {
      value,
      totalCents,
      halfLifeDays: compiled.contract.interest.halfLifeDays,
      totalCap: compiled.totalCap,
      events: considered.length,
      thresholdAt: state.thresholdAt,
      handRaisedAt: state.handRaisedAt,
      hits,
    },
    mql: evaluateMql(compiled, {
      fit,
      interestNow: value,
      handRaised: state.handRaiser,
      excluded: exclusions.map((e) => e.label),
    }),
  };
}

/**
 * Largest-remainder rounding: each hit gets its contribution's floor in cents, then the cents
 * still owed to the total go to the largest fractional parts, so displayed parts always sum to
 * the displayed total.
 */
function apportionCents(hits: InterestHit[], totalCents: number): void {
  const order: Array<{ hit: InterestHit; fraction: number }> = [];
  let sum = 0;
  for (const hit of hits) {
    if (hit.cappedByFrequency) continue;
    const cents = hit.contribution * 100;
    hit.contributionCents = Math.floor(cents);
    sum += hit.contributionCents;
    order.push({ hit, fraction: cents - hit.contributionCents });
  }
  if (order.length === 0) return;
  order.sort((a, b) => b.fraction - a.fraction);
  let owed = totalCents - sum;
  // Float noise can leave the owed amount just outside [0, hits]; cycling keeps the sum exact.
  for (let i = 0; owed > 0; i = (i + 1) % order.length, owed--) order[i]!.hit.contributionCents++;
  for (let i = order.length - 1; owed < 0; i = (i - 1 + order.length) % order.length, owed++) {
    order[i]!.hit.contributionCents--;
  }
}
