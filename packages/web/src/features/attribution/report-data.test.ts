import { describe, expect, it } from 'vitest';
import type { AttributionReport } from './attribution-api.js';
import { campaignByModel, modelTable, topBars } from './report-data.js';

const share = {
  totalCents: 0,
  sourcedCents: 0,
  influencedCents: 0,
  sourcedShare: null,
  influencedShare: null,
};
const row = (id: string, pipelineCents: number, revenueCents: number, costCents = 0) => ({
  key: id,
  campaign: { id, name: `Campaign ${id}` },
  channel: 'webinar',
  costCents,
  pipelineCents,
  revenueCents,
  roi: costCents > 0 ? (revenueCents - costCents) / costCents : null,
});

const report: AttributionReport = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2027-01-01T00:00:00.000Z',
  by: 'campaign',
  currency: 'USD',
  deals: { pipeline: 1_000, revenue: 400 },
  marketing: { pipeline: share, revenue: share },
  results: [
    {
      model: 'first_touch',
      rows: [row('a', 1_000, 400, 100), row('b', 0, 0, 50)],
      unattributed: { pipelineCents: 0, revenueCents: 0 },
    },
    {
      model: 'linear',
      rows: [row('a', 600, 200, 100), row('b', 300, 150, 50)],
      unattributed: { pipelineCents: 100, revenueCents: 50 },
    },
  ],
};

describe('modelTable', () => {
  it('totals the rows and the unattributed bucket to the deals under every model', () => {
    for (const model of ['first_touch', 'linear']) {
      const table = modelTable(report, model);
      expect(table?.total.pipelineCents).toBe(report.deals.pipeline);
      expect(table?.total.revenueCents).toBe(report.deals.revenue);
      expect(table?.total.costCents).toBe(150);
    }
    expect(modelTable(report, 'first_touch')?.unattributed).toBeNull();
    expect(modelTable(report, 'linear')?.unattributed?.pipelineCents).toBe(100);
    expect(modelTable(report, 'linear')?.total.roi).toBeCloseTo((400 - 150) / 150);
    expect(modelTable(report, 'u_shaped')).toBeNull();
  });
});

describe('topBars', () => {
  it('keeps the largest non-zero lines, scaled to the largest', () => {
    const lines = modelTable(report, 'linear')?.lines ?? [];
    expect(topBars(lines, 'pipelineCents')).toEqual([
      { key: 'a', label: 'Campaign a', value: 600, fraction: 1 },
      { key: 'b', label: 'Campaign b', value: 300, fraction: 0.5 },
    ]);
    expect(topBars(modelTable(report, 'first_touch')?.lines ?? [], 'revenueCents')).toHaveLength(1);
    expect(topBars(lines, 'pipelineCents', 1)).toHaveLength(1);
  });
});

describe('campaignByModel', () => {
  it('reads one campaign under each model, zero where a model gave it nothing', () => {
    expect(campaignByModel(report, 'b')).toEqual([
      { model: 'first_touch', pipelineCents: 0, revenueCents: 0, costCents: 50 },
      { model: 'linear', pipelineCents: 300, revenueCents: 150, costCents: 50 },
    ]);
  });
});
