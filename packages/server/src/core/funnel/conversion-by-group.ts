import { byLead, type FunnelTransition, type MainStage, reachedAt } from './types.js';

export interface GroupConversion {
  group: string | null;
  /** Leads whose first entry into `from` fell in this group. */
  entered: number;
  /** Of those, leads that reached `to` afterwards (within the limit, if any). */
  converted: number;
  rate: number;
}

export interface ConversionByGroupOptions {
  from: MainStage;
  to: MainStage;
  /** The group of a lead, given its first entry into `from` (e.g. its contract version or source). */
  groupOf: (entry: FunnelTransition) => string | null;
  /** Count a conversion only within this many days of the entry. */
  withinDays?: number;
}

/**
 * Stage-to-stage conversion split by a dimension: MQL → SQL by lead source, or by the contract
 * version that made the MQL. Groups are sorted by name, null last.
 * @example conversionByGroup(transitions, { from: 'mql', to: 'sql', groupOf: (t) => String(t.contractVersion) })
 */
export function conversionByGroup(
  transitions: readonly FunnelTransition[],
  options: ConversionByGroupOptions,
): GroupConversion[] {
  const groups = new Map<string | null, { entered: number; converted: number }>();
  for (const history of byLead(transitions).values()) {
    const entry = history.find((t) => t.to === options.from);
    if (!entry) continue;
    const group = options.groupOf(entry);
    const g = groups.get(group) ?? { entered: 0, converted: 0 };
    groups.set(group, g);
    g.entered += 1;
    const deadline =
      options.withinDays === undefined
        ? undefined
        : new Date(entry.at.getTime() + options.withinDays * 86_400_000);
    if (reachedAt(history, options.to, { from: entry.at, deadline })) g.converted += 1;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([group, g]) => ({ group, ...g, rate: g.converted / g.entered }));
}
