import type { LeadStage } from '@tandem/contracts';

/** One row of a lead's stage history, as the funnel maths reads it. */
export interface FunnelTransition {
  leadId: string;
  from: LeadStage | null;
  to: LeadStage;
  at: Date;
  /** Reject, recycle, disqualify or loss reason code. */
  reasonCode?: string | null;
  /** The lead-contract version that made the transition (recorded on every MQL). */
  contractVersion?: number | null;
}

/** The main path of the funnel, in order. Reaching a stage implies passing every earlier one. */
export const mainStages = ['lead', 'mql', 'accepted', 'sql', 'opportunity', 'won'] as const;
export type MainStage = (typeof mainStages)[number];

/** Stages where leads leave the main path: the funnel's leaks. */
export const leakStages = ['recycled', 'disqualified', 'lost'] as const;
export type LeakStage = (typeof leakStages)[number];

/** Stages a lead never leaves: no time-in-stage is measured there. */
export const terminalStages: readonly LeadStage[] = ['won', 'lost'];

/** Half-open time window [since, until); an absent bound is open. */
export interface TimeWindow {
  since?: Date;
  until?: Date;
}

export function mainRank(stage: LeadStage): number {
  return (mainStages as readonly LeadStage[]).indexOf(stage);
}

export function inWindow(at: Date, window: TimeWindow | undefined): boolean {
  const t = at.getTime();
  if (window?.since && t < window.since.getTime()) return false;
  if (window?.until && t >= window.until.getTime()) return false;
  return true;
}

/**
 * Each lead's transitions in time order. Array sort is stable, so transitions at the same instant
 * keep the order they were given in (the store returns them by time, then id).
 */
export function byLead(transitions: readonly FunnelTransition[]): Map<string, FunnelTransition[]> {
  const leads = new Map<string, FunnelTransition[]>();
  for (const t of transitions) {
    const list = leads.get(t.leadId);
    if (list) list.push(t);
    else leads.set(t.leadId, [t]);
  }
  for (const list of leads.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return leads;
}

/**
 * When a lead first reached `target` (entered it or any later main stage) at or after `from` and
 * no later than `deadline`; null when it did not.
 */
export function reachedAt(
  history: readonly FunnelTransition[],
  target: MainStage,
  range: { from: Date; deadline?: Date },
): Date | null {
  const rank = mainRank(target);
  const start = range.from.getTime();
  const end = range.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  for (const t of history) {
    const at = t.at.getTime();
    if (at < start || at > end) continue;
    if (mainRank(t.to) >= rank) return t.at;
  }
  return null;
}
