import type { MarketingShare } from '../attribution/attribution-api.js';
import type { Attainment, FunnelHealth, FunnelStage, Leak, SpeedRow } from './dashboard-api.js';
import { funnelStages } from './dashboard-api.js';

export const stageLabels: Record<FunnelStage, string> = {
  lead: 'Leads',
  mql: 'MQLs',
  accepted: 'Accepted',
  sql: 'SQLs',
  opportunity: 'Opportunities',
  won: 'Won',
};

export interface FunnelBar {
  stage: FunnelStage;
  label: string;
  /** Leads that reached the stage (or a later one) in the window. */
  count: number;
  /** Length of the bar: the count as a share of the widest stage, in [0, 1]. */
  fraction: number;
  /** Conversion to the next stage; null for the last stage or when nothing reached this one. */
  toNext: number | null;
}

/** The funnel from lead to won: how many reached each stage and the step conversion onwards. */
export function funnelBars(report: Pick<FunnelHealth, 'counts' | 'conversion'>): FunnelBar[] {
  const counts = funnelStages.map((stage) => report.counts.reached[stage] ?? 0);
  const max = Math.max(1, ...counts);
  return funnelStages.map((stage, i) => {
    const step = report.conversion.find((c) => c.from === stage);
    const count = counts[i] ?? 0;
    return { stage, label: stageLabels[stage], count, fraction: count / max, toNext: step?.rate ?? null };
  });
}

export interface ShareSplit {
  totalCents: number;
  parts: Array<{ key: 'sourced' | 'influenced' | 'other'; label: string; cents: number; share: number }>;
}

/**
 * Pipeline cut three ways: marketing-sourced, influenced but not sourced, and the rest. Sourced
 * implies influenced, so the parts add up to the total. Null when there is no pipeline.
 */
export function shareSplit(share: MarketingShare): ShareSplit | null {
  if (share.totalCents <= 0) return null;
  const sourced = Math.max(0, share.sourcedCents);
  const influencedOnly = Math.max(0, share.influencedCents - sourced);
  const other = Math.max(0, share.totalCents - sourced - influencedOnly);
  const part = (key: ShareSplit['parts'][number]['key'], label: string, cents: number) => ({
    key,
    label,
    cents,
    share: cents / share.totalCents,
  });
  return {
    totalCents: share.totalCents,
    parts: [
      part('sourced', 'Sourced by marketing', sourced),
      part('influenced', 'Influenced only', influencedOnly),
      part('other', 'Other', other),
    ],
  };
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** Of every lead sales returned or disqualified in the window. */
  share: number;
}

/** Why sales sent leads back (recycled or disqualified), most frequent first, by the contract's label. */
export function topReasons(leakage: readonly Leak[], limit = 5): ReasonCount[] {
  const byReason = new Map<string, number>();
  let total = 0;
  for (const leak of leakage) {
    if (leak.to !== 'recycled' && leak.to !== 'disqualified') continue;
    const reason = leak.reasonLabel ?? leak.reasonCode ?? 'No reason given';
    byReason.set(reason, (byReason.get(reason) ?? 0) + leak.count);
    total += leak.count;
  }
  return [...byReason]
    .map(([reason, count]) => ({ reason, count, share: total > 0 ? count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, limit);
}

export interface SpeedSummary {
  leads: number;
  /** Share of the MQLs touched at all, and within 5, 15 and 60 minutes. */
  touched: number | null;
  within5: number | null;
  within60: number | null;
  /** The slowest source by median minutes to first touch. */
  slowest: { group: string; p50Minutes: number } | null;
}

/** Speed-to-lead over every source: the rows' shares weighted by their MQLs. */
export function speedSummary(rows: readonly SpeedRow[]): SpeedSummary {
  const leads = rows.reduce((s, r) => s + r.leads, 0);
  const weighted = (pick: (r: SpeedRow) => number) =>
    leads > 0 ? rows.reduce((s, r) => s + pick(r) * r.leads, 0) / leads : null;
  let slowest: SpeedSummary['slowest'] = null;
  for (const r of rows) {
    const p50 = r.firstTouch.p50Minutes;
    if (p50 !== null && (slowest === null || p50 > slowest.p50Minutes))
      slowest = { group: r.group, p50Minutes: p50 };
  }
  return {
    leads,
    touched: leads > 0 ? rows.reduce((s, r) => s + r.firstTouch.reached, 0) / leads : null,
    within5: weighted((r) => r.firstTouch.within.m5),
    within60: weighted((r) => r.firstTouch.within.m60),
    slowest,
  };
}

const kindLabels: Record<string, string> = {
  accept_reject: 'Accept or return new MQLs',
  first_touch: 'First touch',
  marketing_request: 'Deliver requests from sales',
};

export interface SlaSide {
  side: 'sales' | 'marketing';
  label: string;
  met: number;
  breached: number;
  open: number;
  /** met / (met + breached): open clocks that are not yet late do not count. */
  rate: number | null;
  kinds: Array<{ kind: string; label: string; met: number; breached: number; rate: number | null }>;
}

/** SLA attainment both ways: what sales owes marketing's leads and what marketing owes sales' requests. */
export function slaSides(attainment: {
  sales: readonly Attainment[];
  marketing: readonly Attainment[];
}): SlaSide[] {
  const side = (key: 'sales' | 'marketing', label: string, rows: readonly Attainment[]): SlaSide => {
    const met = rows.reduce((s, r) => s + r.met, 0);
    const breached = rows.reduce((s, r) => s + r.breached, 0);
    return {
      side: key,
      label,
      met,
      breached,
      open: rows.reduce((s, r) => s + r.open, 0),
      rate: met + breached > 0 ? met / (met + breached) : null,
      kinds: rows.map((r) => ({
        kind: r.kind,
        label: kindLabels[r.kind] ?? r.kind.replace(/_/g, ' '),
        met: r.met,
        breached: r.breached,
        rate: r.rate,
      })),
    };
  };
  return [
    side('sales', 'Sales, on marketing’s leads', attainment.sales),
    side('marketing', 'Marketing, on sales’ requests', attainment.marketing),
  ];
}

/** Minutes as a short duration: `42 min`, `3.5 h`, `2.1 d`. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}
