import { candidateRules, ruleMatches } from './compile-contract.js';
import type { CompiledContract, EpochMs, ScoringEvent } from './types.js';

/**
 * A lead's interest in O(1) space per rule: with half-life h, interest at time t is
 * Σ pᵢ·2^(−(t−tᵢ)/h) = s·2^(−(t−t0)/h), where s is the interest right after the last applied
 * event and t0 its time. Each event decays s to the event's time, adds its points and rebases
 * t0, so the exponent stays small and no job ever recomputes decay. Interest is clamped to
 * [0, totalCap] as points are added, which keeps s ≥ 0: without an event it can only decay.
 */
export interface InterestState {
  s: number;
  /** Reference time of `s`; −Infinity before the first applied event. */
  t0: EpochMs;
  /** Last-applied times of capped rules (`ringOffset`…+`capCount` per rule); −Infinity = unused. */
  ring: Float64Array;
  /** When interest first reached the MQL minimum, right after an event. */
  thresholdAt: EpochMs | null;
  /** When a hand-raiser rule first matched, and which one. */
  handRaisedAt: EpochMs | null;
  handRaiser: string | null;
}

/** What one matching rule did to the state. */
export interface RuleOutcome {
  ruleIndex: number;
  ruleId: string;
  points: number;
  /** Interest actually added after the total-cap clamp; 0 when capped by frequency. */
  applied: number;
  cappedByFrequency: boolean;
  clampedByTotal: boolean;
  handRaiser: boolean;
}

export interface EventOutcome {
  eventId: string;
  at: EpochMs;
  /** The event is older than the state's reference time: replay for an exact score. */
  late: boolean;
  rules: RuleOutcome[];
  interestBefore: number;
  interestAfter: number;
}

export function newInterestState(compiled: CompiledContract): InterestState {
  return {
    s: 0,
    t0: Number.NEGATIVE_INFINITY,
    ring: new Float64Array(compiled.ringSize).fill(Number.NEGATIVE_INFINITY),
    thresholdAt: null,
    handRaisedAt: null,
    handRaiser: null,
  };
}

/** 2^(−elapsed/h); 1 when no time has passed. Every path of the engine decays through here. */
export function decayFactor(compiled: CompiledContract, elapsedMs: number): number {
  return elapsedMs <= 0 ? 1 : 2 ** (-elapsedMs / compiled.halfLifeMs);
}

/** Interest at `now`; before the state's reference time it is the reference value. */
export function interestAt(compiled: CompiledContract, state: InterestState, now: EpochMs): number {
  return state.s * decayFactor(compiled, now - state.t0);
}

/**
 * Applies one event to `state`, mutating it: the allocation-free step of replays and
 * backtests. Matching rules apply in contract order; `sink` (optional) hears each outcome.
 * Returns how many rules added points.
 */
export function applyEventInPlace(
  compiled: CompiledContract,
  state: InterestState,
  event: ScoringEvent,
  sink?: (outcome: RuleOutcome) => void,
): number {
  const rules = candidateRules(compiled, event);
  if (rules.length === 0) return 0;
  const t = event.timestamp;
  const late = t < state.t0;
  // A late event's points are worth less at t0, the time `s` is measured at.
  const scale = late ? decayFactor(compiled, state.t0 - t) : 1;
  const cap = compiled.totalCap;
  const ring = state.ring;
  let value = 0;
  let applied = 0;
  for (const rule of rules) {
    if (!ruleMatches(compiled, rule, event)) continue;
    if (rule.handRaiser && (state.handRaisedAt === null || t < state.handRaisedAt)) {
      state.handRaisedAt = t;
      state.handRaiser = rule.id;
    }
    if (rule.capCount > 0) {
      // Capped when `capCount` applications already fall inside the rolling window.
      let oldest = rule.ringOffset;
      for (let k = oldest + 1; k < rule.ringOffset + rule.capCount; k++)
        if (ring[k]! < ring[oldest]!) oldest = k;
      if (t - ring[oldest]! < rule.capWindowMs) {
        sink?.({
          ruleIndex: rule.index,
          ruleId: rule.id,
          points: rule.points,
          applied: 0,
          cappedByFrequency: true,
          clampedByTotal: false,
          handRaiser: rule.handRaiser,
        });
        continue;
      }
      ring[oldest] = t;
    }
    if (applied === 0) value = late ? state.s : state.s * decayFactor(compiled, t - state.t0);
    const before = value;
    value = before + rule.points * scale;
    let clamped = false;
    if (value > cap) {
      value = cap;
      clamped = true;
    } else if (value < 0) {
      value = 0;
      clamped = true;
    }
    applied++;
    sink?.({
      ruleIndex: rule.index,
      ruleId: rule.id,
      points: rule.points,
      applied: (value - before) / scale,
      cappedByFrequency: false,
      clampedByTotal: clamped,
      handRaiser: rule.handRaiser,
    });
  }
  if (applied > 0) {
    state.s = value;
    if (!late) state.t0 = t;
    if (state.thresholdAt === null && value >= compiled.minInterest) state.thresholdAt = state.t0;
  }
  return applied;
}

/** Pure form of `applyEventInPlace`: the given state is left untouched. */
export function applyEvent(
  compiled: CompiledContract,
  state: InterestState,
  event: ScoringEvent,
): { state: InterestState; outcome: EventOutcome } {
  const rules: RuleOutcome[] = [];
  const next = candidateRules(compiled, event).length > 0 ? { ...state, ring: state.ring.slice() } : state;
  applyEventInPlace(compiled, next, event, (outcome) => rules.push(outcome));
  const changed = rules.length > 0;
  return {
    state: changed ? next : state,
    outcome: {
      eventId: event.id,
      at: event.timestamp,
      late: event.timestamp < state.t0,
      rules,
      interestBefore: interestAt(compiled, state, event.timestamp),
      interestAfter: interestAt(compiled, changed ? next : state, event.timestamp),
    },
  };
}

/** Orders events by time, ties by id: the one order every score is defined by. */
export function compareEvents(a: ScoringEvent, b: ScoringEvent): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Replays events (sorted by time, ties by id) from an empty state. */
export function replay(compiled: CompiledContract, events: readonly ScoringEvent[]): InterestState {
  const state = newInterestState(compiled);
  for (const event of [...events].sort(compareEvents)) applyEventInPlace(compiled, state, event);
  return state;
}
