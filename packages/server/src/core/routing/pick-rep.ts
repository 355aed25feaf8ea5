import type { RoutingRep, RoutingState } from './types.js';

export interface Pick {
  repId: string;
  state: RoutingState;
  note: string;
}

/**
 * Round robin over a pool: the first eligible member after the previous assignee, in id order.
 * The cursor is a rep id rather than an index, so members joining or leaving do not reset the turn.
 */
export function pickRoundRobin(options: {
  pool: string;
  members: readonly RoutingRep[];
  eligible: (rep: RoutingRep) => boolean;
  state: RoutingState;
}): Pick | null {
  const { pool, members, eligible, state } = options;
  const sorted = [...members].sort((a, b) => compare(a.id, b.id));
  if (sorted.length === 0) return null;
  const previous = state.cursors[pool];
  let start = previous === undefined ? 0 : sorted.findIndex((rep) => compare(rep.id, previous) > 0);
  if (start < 0) start = 0;
  for (let i = 0; i < sorted.length; i++) {
    const rep = sorted[(start + i) % sorted.length]!;
    if (!eligible(rep)) continue;
    return {
      repId: rep.id,
      state: { ...state, cursors: { ...state.cursors, [pool]: rep.id } },
      note: previous === undefined ? 'first in turn' : `next in turn after ${previous}`,
    };
  }
  return null;
}

/**
 * Smooth weighted round robin: every eligible member earns its weight in credit, the richest
 * (ties by id) gets the lead and pays the pool's total weight. With integer weights and the same
 * eligible reps, every run of (sum of weights) picks gives each rep exactly its weight, spread out
 * rather than in bursts, with no random choice.
 */
export function pickWeighted(options: {
  pool: string;
  members: readonly RoutingRep[];
  eligible: (rep: RoutingRep) => boolean;
  state: RoutingState;
}): Pick | null {
  const { pool, members, eligible, state } = options;
  const candidates = members.filter((rep) => eligible(rep) && weightOf(rep) > 0);
  if (candidates.length === 0) return null;
  const credits: Record<string, number> = { ...(state.credits[pool] ?? {}) };
  let total = 0;
  let best: RoutingRep | null = null;
  for (const rep of candidates) {
    const weight = weightOf(rep);
    total += weight;
    credits[rep.id] = (credits[rep.id] ?? 0) + weight;
    if (
      !best ||
      credits[rep.id]! > credits[best.id]! ||
      (credits[rep.id] === credits[best.id] && compare(rep.id, best.id) < 0)
    ) {
      best = rep;
    }
  }
  const chosen = best!;
  credits[chosen.id] = credits[chosen.id]! - total;
  return {
    repId: chosen.id,
    state: { ...state, credits: { ...state.credits, [pool]: credits } },
    note: `weighted turn (weight ${weightOf(chosen)} of ${total})`,
  };
}

export function weightOf(rep: RoutingRep): number {
  return rep.weight === undefined ? 1 : Math.max(0, rep.weight);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
