import type { AttributionModel, AttributionResult, Touch } from '../attribution/types.js';

export type RollupBy = 'campaign' | 'channel';
export type Basis = 'pipeline' | 'revenue';

/** One row of an attribution report: a campaign (or a channel without a campaign) or a channel. */
export interface RollupRow {
  /** campaign id, `channel:<name>` for touches without a campaign, or the channel for by=channel. */
  key: string;
  campaignId: string | null;
  channel: string;
  pipelineCents: number;
  revenueCents: number;
  costCents: number;
  /** (revenue − cost) / cost, or null without cost. */
  roi: number | null;
}

export interface ModelRollup {
  model: AttributionModel;
  rows: RollupRow[];
  unattributed: { pipelineCents: number; revenueCents: number };
}

export interface CreditedDeal {
  basis: Basis;
  touches: readonly Touch[];
  results: readonly AttributionResult[];
}

export interface CampaignCostLine {
  campaignId: string;
  channel: string;
  costCents: number;
}

const keyOf = (by: RollupBy, touch: Touch) =>
  by === 'channel' ? touch.channel : (touch.campaignId ?? `channel:${touch.channel}`);

/**
 * Sums every deal's credits per campaign or channel, per model, and sets each row's cost and
 * ROI. Campaigns with cost but no credit get a row too (money spent without return must show).
 * Rows are ordered by revenue, then pipeline, then cost, largest first, then key.
 */
export function rollUpAttribution(input: {
  models: readonly AttributionModel[];
  by: RollupBy;
  deals: readonly CreditedDeal[];
  costs: readonly CampaignCostLine[];
}): ModelRollup[] {
  return input.models.map((model) => {
    const rows = new Map<string, RollupRow>();
    const row = (key: string, campaignId: string | null, channel: string) => {
      let r = rows.get(key);
      if (!r) {
        r = { key, campaignId, channel, pipelineCents: 0, revenueCents: 0, costCents: 0, roi: null };
        rows.set(key, r);
      }
      return r;
    };
    const unattributed = { pipelineCents: 0, revenueCents: 0 };
    for (const deal of input.deals) {
      const result = deal.results.find((r) => r.model === model);
      if (!result) continue;
      const touchById = new Map(deal.touches.map((t) => [t.id, t]));
      for (const credit of result.credits) {
        if (credit.cents === 0) continue;
        const touch = touchById.get(credit.touchId)!;
        const r = row(
          keyOf(input.by, touch),
          input.by === 'campaign' ? touch.campaignId : null,
          touch.channel,
        );
        if (deal.basis === 'pipeline') r.pipelineCents += credit.cents;
        else r.revenueCents += credit.cents;
      }
      if (deal.basis === 'pipeline') unattributed.pipelineCents += result.unattributedCents;
      else unattributed.revenueCents += result.unattributedCents;
    }
    for (const cost of input.costs) {
      const key = input.by === 'channel' ? cost.channel : cost.campaignId;
      row(key, input.by === 'campaign' ? cost.campaignId : null, cost.channel).costCents += cost.costCents;
    }
    const list = [...rows.values()].map((r) => ({
      ...r,
      roi: r.costCents > 0 ? (r.revenueCents - r.costCents) / r.costCents : null,
    }));
    list.sort(
      (a, b) =>
        b.revenueCents - a.revenueCents ||
        b.pipelineCents - a.pipelineCents ||
        b.costCents - a.costCents ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    return { model, rows: list, unattributed };
  });
}

/** The months (YYYY-MM-01) a half-open window [from, to) touches, as an inclusive range. */
export function monthRange(from: Date, to: Date): { first: string; last: string } {
  const month = (d: Date) => `${d.toISOString().slice(0, 7)}-01`;
  const lastInstant = new Date(Math.max(from.getTime(), to.getTime() - 1));
  return { first: month(from), last: month(lastInstant) };
}
