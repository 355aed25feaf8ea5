import { percentile } from './percentile.js';

/** One MQL's hand-off milestones; null when not reached (yet). */
export interface HandoffTimes {
  /** The rep, team or source the lead is reported under. */
  group: string;
  /** When the lead became an MQL (the start of every measure). */
  mqlAt: Date;
  assignedAt: Date | null;
  firstTouchAt: Date | null;
  /** The first accept, reject, recycle or disqualify. */
  decisionAt: Date | null;
}

export const speedThresholdsMinutes = [5, 15, 60] as const;

export interface SpeedStats {
  /** Leads that reached the milestone. */
  reached: number;
  p50Minutes: number | null;
  p95Minutes: number | null;
  /** Share of all the group's leads that reached the milestone within 5, 15 and 60 minutes. */
  within: { m5: number; m15: number; m60: number };
}

export interface SpeedToLeadRow {
  group: string;
  leads: number;
  assigned: SpeedStats;
  firstTouch: SpeedStats;
  decision: SpeedStats;
}

/**
 * Speed-to-lead per group: minutes from MQL to assignment, first touch and decision, p50/p95
 * (percentile_cont) and the share inside 5 / 15 / 60 minutes. Leads that never reached a
 * milestone count against the shares: an untouched lead is not fast. Groups sorted by name.
 * @example speedToLead([{ group: 'ann', mqlAt, assignedAt, firstTouchAt: null, decisionAt: null }])
 */
export function speedToLead(rows: readonly HandoffTimes[]): SpeedToLeadRow[] {
  const groups = new Map<string, HandoffTimes[]>();
  for (const row of rows) {
    const list = groups.get(row.group);
    if (list) list.push(row);
    else groups.set(row.group, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, list]) => ({
      group,
      leads: list.length,
      assigned: stats(list, (r) => r.assignedAt),
      firstTouch: stats(list, (r) => r.firstTouchAt),
      decision: stats(list, (r) => r.decisionAt),
    }));
}

function stats(list: readonly HandoffTimes[], pick: (r: HandoffTimes) => Date | null): SpeedStats {
  const minutes: number[] = [];
  for (const row of list) {
    const at = pick(row);
    if (at) minutes.push(Math.max(0, (at.getTime() - row.mqlAt.getTime()) / 60_000));
  }
  minutes.sort((a, b) => a - b);
  const share = (limit: number) =>
    list.length === 0 ? 0 : minutes.filter((m) => m <= limit).length / list.length;
  return {
    reached: minutes.length,
    p50Minutes: percentile(minutes, 0.5),
    p95Minutes: percentile(minutes, 0.95),
    within: { m5: share(5), m15: share(15), m60: share(60) },
  };
}

/** A clock as attainment sees it. */
export interface ClockOutcome {
  kind: string;
  dueAt: Date;
  stoppedAt: Date | null;
}

export interface Attainment {
  kind: string;
  met: number;
  breached: number;
  /** Still running and not yet due: not counted in the rate. */
  open: number;
  /** met / (met + breached), null with nothing decided. A running clock past due counts as breached. */
  rate: number | null;
}

/** SLA attainment per clock kind at `now`. */
export function slaAttainment(clocks: readonly ClockOutcome[], now: Date): Attainment[] {
  const byKind = new Map<string, Attainment>();
  for (const clock of clocks) {
    const a = byKind.get(clock.kind) ?? { kind: clock.kind, met: 0, breached: 0, open: 0, rate: null };
    if (clock.stoppedAt) {
      if (clock.stoppedAt <= clock.dueAt) a.met++;
      else a.breached++;
    } else if (now > clock.dueAt) a.breached++;
    else a.open++;
    byKind.set(clock.kind, a);
  }
  return [...byKind.values()]
    .map((a) => ({ ...a, rate: a.met + a.breached === 0 ? null : a.met / (a.met + a.breached) }))
    .sort((a, b) => (a.kind < b.kind ? -1 : 1));
}
