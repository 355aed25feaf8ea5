import { type LeadStage, leadStages } from '@tandem/contracts';
import {
  byLead,
  type FunnelTransition,
  inWindow,
  type MainStage,
  mainRank,
  mainStages,
  type TimeWindow,
} from './types.js';

export interface FunnelCounts {
  /** Distinct leads with a transition in the window. */
  leads: number;
  /** Transitions into each stage in the window; a lead re-entering a stage counts again. */
  entries: Record<LeadStage, number>;
  /** Distinct leads that entered each stage in the window. */
  entered: Record<LeadStage, number>;
  /**
   * Distinct leads that entered each main stage or any later one in the window: the funnel chart.
   * A lead sales created straight as an SQL has passed the MQL bar too, so the funnel never widens.
   */
  reached: Record<MainStage, number>;
  /** Leads in each stage at the window's end (their last transition before `until`). */
  current: Record<LeadStage, number>;
}

/**
 * Funnel counts from stage history. They reconcile with the transitions: entries sum to the
 * transitions in the window, current sums to the leads with any transition before `until`.
 * @example funnelCounts(transitions, { since: monthStart, until: nextMonthStart })
 */
export function funnelCounts(transitions: readonly FunnelTransition[], window?: TimeWindow): FunnelCounts {
  const entries = zeros(leadStages);
  const entered = zeros(leadStages);
  const reached = zeros(mainStages);
  const current = zeros(leadStages);
  let leads = 0;
  for (const history of byLead(transitions).values()) {
    const seen = new Set<LeadStage>();
    let furthest = -1;
    let last: FunnelTransition | undefined;
    for (const t of history) {
      if (window?.until && t.at.getTime() >= window.until.getTime()) break;
      last = t;
      if (!inWindow(t.at, window)) continue;
      entries[t.to] += 1;
      seen.add(t.to);
      furthest = Math.max(furthest, mainRank(t.to), 0);
    }
    if (last) current[last.to] += 1;
    if (seen.size === 0) continue;
    leads += 1;
    for (const s of seen) entered[s] += 1;
    for (let r = 0; r <= furthest; r++) reached[mainStages[r]!] += 1;
  }
  return { leads, entries, entered, reached, current };
}

export interface StageConversion {
  from: MainStage;
  to: MainStage;
  /** Leads that reached `from`. */
  reached: number;
  /** Of those, leads that reached `to`. */
  converted: number;
  /** converted / reached, or null when no lead reached `from`. */
  rate: number | null;
}

/** Conversion between consecutive main stages, from funnel counts. */
export function conversionRates(counts: Pick<FunnelCounts, 'reached'>): StageConversion[] {
  return mainStages.slice(0, -1).map((from, i) => {
    const to = mainStages[i + 1]!;
    const reached = counts.reached[from];
    const converted = counts.reached[to];
    return { from, to, reached, converted, rate: reached > 0 ? converted / reached : null };
  });
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
