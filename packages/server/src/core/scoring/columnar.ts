import type { FitGrade } from '@tandem/contracts';
import { candidateRules, gradeRank, ruleMatches } from './compile-contract.js';
import { decayFactor, type InterestState } from './interest-state.js';
import type { CompiledContract, EpochMs, ScoringEvent } from './types.js';

/**
 * Events as typed columns for the backtest: per event its lead, its time and the id of the set
 * of interest rules it matches. Matching (names, paths, properties) happens once at encoding;
 * scoring then only reads numbers, so a re-run with changed weights or caps reuses the columns.
 * Events that match no rule are not stored.
 */
export interface EventColumns {
  readonly length: number;
  readonly lead: Int32Array;
  readonly time: Float64Array;
  readonly match: Int32Array;
  /** Rules of match set k are `setRules[setStart[k]] … setRules[setStart[k + 1] − 1]`. */
  readonly setStart: Int32Array;
  readonly setRules: Int32Array;
  /** Interest rules of the contract the columns were encoded with. */
  readonly ruleCount: number;
}

export interface ColumnEncoder {
  /** Adds an event of lead `lead`; a lead's events must come in time order, ties by id. */
  push(lead: number, event: ScoringEvent): boolean;
  finish(): EventColumns;
}

export function createColumnEncoder(compiled: CompiledContract, capacity = 1024): ColumnEncoder {
  const ruleCount = compiled.interestRules.length;
  // Set 0 is empty, sets 1…R hold one rule each, and larger sets are interned as they appear.
  const sets: number[][] = [[], ...compiled.interestRules.map((r) => [r.index])];
  const interned = new Map<string, number>();
  const matched: number[] = [];
  let size = Math.max(16, capacity);
  let lead = new Int32Array(size);
  let time = new Float64Array(size);
  let match = new Int32Array(size);
  let length = 0;

  function grow(): void {
    size *= 2;
    const nextLead = new Int32Array(size);
    nextLead.set(lead);
    const nextTime = new Float64Array(size);
    nextTime.set(time);
    const nextMatch = new Int32Array(size);
    nextMatch.set(match);
    lead = nextLead;
    time = nextTime;
    match = nextMatch;
  }

  function setOf(event: ScoringEvent): number {
    matched.length = 0;
    for (const rule of candidateRules(compiled, event))
      if (ruleMatches(compiled, rule, event)) matched.push(rule.index);
    if (matched.length <= 1) return matched.length === 0 ? 0 : matched[0]! + 1;
    const key = matched.join(',');
    let id = interned.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push([...matched]);
      interned.set(key, id);
    }
    return id;
  }

  return {
    push(leadIndex, event) {
      const set = setOf(event);
      if (set === 0) return false;
      if (length === size) grow();
      lead[length] = leadIndex;
      time[length] = event.timestamp;
      match[length] = set;
      length++;
      return true;
    },
    finish() {
      const setStart = new Int32Array(sets.length + 1);
      for (let k = 0; k < sets.length; k++) setStart[k + 1] = setStart[k]! + sets[k]!.length;
      return {
        length,
        lead: lead.slice(0, length),
        time: time.slice(0, length),
        match: match.slice(0, length),
        setStart,
        setRules: Int32Array.from(sets.flat()),
        ruleCount,
      };
    },
  };
}

/** Encodes `rows` in the order every score is defined by (time, then event id). */
export function encodeEvents(
  compiled: CompiledContract,
  rows: ReadonlyArray<{ lead: number; event: ScoringEvent }>,
): EventColumns {
  const sorted = [...rows].sort(
    (a, b) =>
      a.event.timestamp - b.event.timestamp ||
      (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0),
  );
  const encoder = createColumnEncoder(compiled, rows.length);
  for (const row of sorted) encoder.push(row.lead, row.event);
  return encoder.finish();
}

/** Per lead: 0 excluded (never MQL), 1 fit below the minimum grade (hand-raisers only), 2 fit met. */
export type MqlGate = 0 | 1 | 2;

/** A lead's gate from its fit grade and the exclusions it falls under. */
export function mqlGate(
  compiled: CompiledContract,
  grade: FitGrade | null,
  exclusions: readonly unknown[],
): MqlGate {
  if (exclusions.length > 0) return 0;
  return gradeRank(grade) <= gradeRank(compiled.minGrade) ? 2 : 1;
}

export interface ColumnarScores {
  /** Interest at `now`. */
  interest: Float64Array;
  s: Float64Array;
  t0: Float64Array;
  /** NaN where never. */
  thresholdAt: Float64Array;
  handRaisedAt: Float64Array;
  /** Interest rule index of the first hand-raiser, −1 when none. */
  handRaiser: Int32Array;
  /** First MQL time under `gate` (NaN where never); only when a gate was given. */
  mqlAt: Float64Array | null;
}

/**
 * The backtest loop: every lead's interest at `now` and first MQL time, with no allocation per
 * event. It performs exactly the arithmetic of `applyEventInPlace`, in the same order, so its
 * results equal a replay bit for bit.
 */
export function scoreColumnar(
  compiled: CompiledContract,
  columns: EventColumns,
  leadCount: number,
  now: EpochMs,
  options: { gate?: Uint8Array } = {},
): ColumnarScores {
  if (columns.ruleCount !== compiled.interestRules.length) {
    throw new RangeError('columns were encoded for a contract with other interest rules');
  }
  const { lead, time, match, setStart, setRules } = columns;
  const { points, capCount, capWindowMs, ringOffset, handRaiser, totalCap: cap, minInterest } = compiled;
  const ringSize = compiled.ringSize;
  const s = new Float64Array(leadCount);
  const t0 = new Float64Array(leadCount).fill(Number.NEGATIVE_INFINITY);
  const ring = new Float64Array(leadCount * ringSize).fill(Number.NEGATIVE_INFINITY);
  const thresholdAt = new Float64Array(leadCount).fill(Number.NaN);
  const handRaisedAt = new Float64Array(leadCount).fill(Number.NaN);
  const raisedBy = new Int32Array(leadCount).fill(-1);

  for (let i = 0; i < columns.length; i++) {
    const l = lead[i]!;
    const t = time[i]!;
    const set = match[i]!;
    const leadT0 = t0[l]!;
    const late = t < leadT0;
    const scale = late ? decayFactor(compiled, leadT0 - t) : 1;
    let value = 0;
    let applied = 0;
    for (let k = setStart[set]!, end = setStart[set + 1]!; k < end; k++) {
      const r = setRules[k]!;
      if (handRaiser[r] === 1) {
        const raised = handRaisedAt[l]!;
        if (Number.isNaN(raised) || t < raised) {
          handRaisedAt[l] = t;
          raisedBy[l] = r;
        }
      }
      const count = capCount[r]!;
      if (count > 0) {
        const base = l * ringSize + ringOffset[r]!;
        let oldest = base;
        for (let j = base + 1; j < base + count; j++) if (ring[j]! < ring[oldest]!) oldest = j;
        if (t - ring[oldest]! < capWindowMs[r]!) continue;
        ring[oldest] = t;
      }
      if (applied === 0) value = late ? s[l]! : s[l]! * decayFactor(compiled, t - leadT0);
      value = value + points[r]! * scale;
      if (value > cap) value = cap;
      else if (value < 0) value = 0;
      applied++;
    }
    if (applied > 0) {
      s[l] = value;
      if (!late) t0[l] = t;
      if (Number.isNaN(thresholdAt[l]!) && value >= minInterest) thresholdAt[l] = t0[l]!;
    }
  }

  const interest = new Float64Array(leadCount);
  for (let l = 0; l < leadCount; l++) interest[l] = s[l]! * decayFactor(compiled, now - t0[l]!);
  const gate = options.gate;
  let mqlAt: Float64Array | null = null;
  if (gate) {
    mqlAt = new Float64Array(leadCount);
    for (let l = 0; l < leadCount; l++) {
      mqlAt[l] = firstMql(gate[l] as MqlGate, thresholdAt[l]!, handRaisedAt[l]!);
    }
  }
  return { interest, s, t0, thresholdAt, handRaisedAt, handRaiser: raisedBy, mqlAt };
}

function firstMql(gate: MqlGate, threshold: number, raised: number): number {
  if (gate === 0) return Number.NaN;
  if (gate === 1 || Number.isNaN(threshold)) return raised;
  return Number.isNaN(raised) ? threshold : Math.min(threshold, raised);
}

/** The same first MQL time from a replayed state (NaN where never). */
export function firstMqlAt(state: InterestState, gate: MqlGate): number {
  return firstMql(gate, state.thresholdAt ?? Number.NaN, state.handRaisedAt ?? Number.NaN);
}
