import type { InterestState } from './interest-state.js';
import type { CompiledContract, EpochMs } from './types.js';

/** An interest state as stored (JSON has no −Infinity: unused times become null). */
export interface InterestStateJson {
  s: number;
  t0: EpochMs | null;
  ring: Array<EpochMs | null>;
  thresholdAt: EpochMs | null;
  handRaisedAt: EpochMs | null;
  handRaiser: string | null;
}

export function interestStateToJson(state: InterestState): InterestStateJson {
  const time = (t: number) => (Number.isFinite(t) ? t : null);
  return {
    s: state.s,
    t0: time(state.t0),
    ring: Array.from(state.ring, time),
    thresholdAt: state.thresholdAt,
    handRaisedAt: state.handRaisedAt,
    handRaiser: state.handRaiser,
  };
}

/**
 * Restores a stored state for `compiled`, or null when it was built for a contract with other
 * frequency caps: then the lead's events must be replayed under the new contract.
 */
export function interestStateFromJson(
  compiled: CompiledContract,
  json: InterestStateJson,
): InterestState | null {
  if (json.ring.length !== compiled.ringSize) return null;
  const time = (t: number | null) => t ?? Number.NEGATIVE_INFINITY;
  return {
    s: json.s,
    t0: time(json.t0),
    ring: Float64Array.from(json.ring, time),
    thresholdAt: json.thresholdAt,
    handRaisedAt: json.handRaisedAt,
    handRaiser: json.handRaiser,
  };
}
