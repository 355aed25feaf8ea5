import type { DealAttribution } from './opportunities-api.js';

export interface CreditRow {
  key: string;
  label: string;
  /** Cents per model, in the order of `models`. */
  cents: number[];
}

/**
 * The per-deal table: one row per touch (its credit under each model), the unattributed row when
 * any model left cents over, and the total row, which sums the rows above it. Under every model
 * the total equals the deal's amount; `balanced` says whether it does (it always should).
 */
export function creditTable(
  deal: DealAttribution,
  describe: (touch: DealAttribution['touches'][number]) => string,
): {
  models: string[];
  rows: CreditRow[];
  unattributed: CreditRow | null;
  total: CreditRow;
  balanced: boolean;
} {
  const models = deal.models;
  const rows = deal.touches.map((t) => ({
    key: t.id,
    label: describe(t),
    cents: models.map((m) => t.credits[m] ?? 0),
  }));
  const leftOver = models.map((m) => deal.unattributed[m] ?? 0);
  const unattributed = leftOver.some((c) => c !== 0)
    ? { key: 'unattributed', label: 'Unattributed', cents: leftOver }
    : null;
  const all = unattributed ? [...rows, unattributed] : rows;
  const total = {
    key: 'total',
    label: 'Total',
    cents: models.map((_, i) => all.reduce((s, r) => s + (r.cents[i] ?? 0), 0)),
  };
  return {
    models,
    rows,
    unattributed,
    total,
    balanced: total.cents.every((c) => c === deal.opportunity.amountCents),
  };
}
