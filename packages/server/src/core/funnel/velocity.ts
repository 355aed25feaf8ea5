import { type LeadStage, leadStages } from '@tandem/contracts';
import { median, percentile } from './percentile.js';
import { byLead, type FunnelTransition, inWindow, type TimeWindow, terminalStages } from './types.js';

export interface StageVelocity {
  stage: LeadStage;
  /** Completed stays (the lead left the stage) whose exit lies in the window. */
  stays: number;
  /** Leads still in the stage at the window's end; their stays are not in the figures yet. */
  open: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/**
 * Time in stage: for each stay (entry to the next transition), its duration, summarised per
 * stage by median and 90th percentile. Stays are assigned to the window by their exit time, so a
 * month's figure describes the leads that moved on that month. Won and lost are terminal and left out.
 */
export function stageVelocity(
  transitions: readonly FunnelTransition[],
  window?: TimeWindow,
): StageVelocity[] {
  const durations = new Map<LeadStage, number[]>();
  const open = new Map<LeadStage, number>();
  for (const history of byLead(transitions).values()) {
    let current: FunnelTransition | undefined;
    for (const t of history) {
      if (window?.until && t.at.getTime() >= window.until.getTime()) break;
      if (current && inWindow(t.at, window)) {
        const list = durations.get(current.to) ?? [];
        list.push(t.at.getTime() - current.at.getTime());
        durations.set(current.to, list);
      }
      current = t;
    }
    if (current) open.set(current.to, (open.get(current.to) ?? 0) + 1);
  }
  return leadStages
    .filter((s) => !terminalStages.includes(s))
    .map((stage) => {
      const sorted = (durations.get(stage) ?? []).sort((a, b) => a - b);
      return {
        stage,
        stays: sorted.length,
        open: open.get(stage) ?? 0,
        medianMs: median(sorted),
        p90Ms: percentile(sorted, 0.9),
      };
    });
}
