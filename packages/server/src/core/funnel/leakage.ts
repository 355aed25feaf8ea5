import type { LeadStage } from '@tandem/contracts';
import { type FunnelTransition, inWindow, type LeakStage, leakStages, type TimeWindow } from './types.js';

export interface LeakageRow {
  /** Where the leads leaked from (null when they were created straight into the leak). */
  from: LeadStage | null;
  to: LeakStage;
  reasonCode: string | null;
  count: number;
  /** count / all leak transitions in the window. */
  share: number;
}

/**
 * Where the funnel leaks and why: transitions into recycled, disqualified and lost in the window,
 * grouped by stage left, stage entered and reason; largest first.
 */
export function leakageByReason(transitions: readonly FunnelTransition[], window?: TimeWindow): LeakageRow[] {
  const rows = new Map<string, Omit<LeakageRow, 'share'>>();
  let total = 0;
  for (const t of transitions) {
    if (!isLeak(t.to) || !inWindow(t.at, window)) continue;
    const reasonCode = t.reasonCode ?? null;
    const key = JSON.stringify([t.from, t.to, reasonCode]);
    const row = rows.get(key) ?? { from: t.from, to: t.to, reasonCode, count: 0 };
    row.count += 1;
    rows.set(key, row);
    total += 1;
  }
  return [...rows.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        compareText(a.to, b.to) ||
        compareText(a.from, b.from) ||
        compareText(a.reasonCode, b.reasonCode),
    )
    .map((row) => ({ ...row, share: row.count / total }));
}

function isLeak(stage: LeadStage): stage is LeakStage {
  return (leakStages as readonly LeadStage[]).includes(stage);
}

/** Text order with nulls last, so the order of equal counts never depends on input order. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
