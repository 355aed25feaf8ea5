import type { AttributionReport, AttributionRow } from './attribution-api.js';

export type Measure = 'pipelineCents' | 'revenueCents';

/** One row of the table under a model: a campaign (or channel), or the unattributed bucket. */
export interface ReportLine {
  key: string;
  label: string;
  campaignId: string | null;
  channel: string;
  costCents: number;
  pipelineCents: number;
  revenueCents: number;
  roi: number | null;
}

/** The name a row goes by: the campaign, else its channel. */
export function rowLabel(row: AttributionRow, by: AttributionReport['by']): string {
  if (by === 'channel') return row.channel;
  return row.campaign?.name ?? `No campaign (${row.channel})`;
}

/**
 * The table of one model: its rows as the server ordered them, the unattributed bucket when it
 * holds anything, and the total, which equals the deals' pipeline and revenue under every model.
 */
export function modelTable(
  report: AttributionReport,
  model: string,
): { lines: ReportLine[]; unattributed: ReportLine | null; total: ReportLine } | null {
  const result = report.results.find((r) => r.model === model);
  if (!result) return null;
  const lines = result.rows.map((row) => ({
    key: row.key,
    label: rowLabel(row, report.by),
    campaignId: row.campaign?.id ?? null,
    channel: row.channel,
    costCents: row.costCents,
    pipelineCents: row.pipelineCents,
    revenueCents: row.revenueCents,
    roi: row.roi,
  }));
  const u = result.unattributed;
  const unattributed =
    u.pipelineCents > 0 || u.revenueCents > 0
      ? {
          key: 'unattributed',
          label: 'Unattributed',
          campaignId: null,
          channel: '',
          costCents: 0,
          pipelineCents: u.pipelineCents,
          revenueCents: u.revenueCents,
          roi: null,
        }
      : null;
  const all = unattributed ? [...lines, unattributed] : lines;
  const sum = (f: (l: ReportLine) => number) => all.reduce((s, l) => s + f(l), 0);
  const costCents = sum((l) => l.costCents);
  const revenueCents = sum((l) => l.revenueCents);
  return {
    lines,
    unattributed,
    total: {
      key: 'total',
      label: 'Total',
      campaignId: null,
      channel: '',
      costCents,
      pipelineCents: sum((l) => l.pipelineCents),
      revenueCents,
      roi: costCents > 0 ? (revenueCents - costCents) / costCents : null,
    },
  };
}

export interface HorizontalBar {
  key: string;
  label: string;
  value: number;
  /** Share of the largest value in [0, 1], for the bar's length. */
  fraction: number;
}

/** The `limit` largest lines by a measure, as bars scaled to the largest (zero lines left out). */
export function topBars(lines: readonly ReportLine[], measure: Measure, limit = 10): HorizontalBar[] {
  const top = [...lines]
    .filter((l) => l[measure] > 0)
    .sort((a, b) => b[measure] - a[measure] || a.label.localeCompare(b.label))
    .slice(0, limit);
  const max = Math.max(1, ...top.map((l) => l[measure]));
  return top.map((l) => ({ key: l.key, label: l.label, value: l[measure], fraction: l[measure] / max }));
}

/** One campaign's pipeline and revenue under each model, from a report by campaign. */
export function campaignByModel(
  report: AttributionReport,
  campaignId: string,
): Array<{ model: string; pipelineCents: number; revenueCents: number; costCents: number }> {
  return report.results.map((r) => {
    const row = r.rows.find((x) => x.campaign?.id === campaignId);
    return {
      model: r.model,
      pipelineCents: row?.pipelineCents ?? 0,
      revenueCents: row?.revenueCents ?? 0,
      costCents: row?.costCents ?? 0,
    };
  });
}

/** Days back from `now` as an ISO window, as the report wants it. */
export function windowEndingAt(days: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() };
}
