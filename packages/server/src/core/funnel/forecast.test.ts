import { describe, expect, it } from 'vitest';
import { forecastAccuracy, funnelForecast, type PipelineOpportunity, weightedPipeline } from './forecast.js';
import type { StepRates } from './reverse-funnel.js';

const opp = (
  id: string,
  amountCents: number,
  probability: number,
  stage: string,
  closeDate: string | null,
  status: PipelineOpportunity['status'] = 'open',
): PipelineOpportunity => ({ id, amountCents, probability, stage, closeDate, status });

describe('weightedPipeline', () => {
  it('weights open opportunities closing in the window by stage probability', () => {
    const r = weightedPipeline(
      [
        opp('A', 1_000_000, 20, 'discovery', '2025-04-15'),
        // 150 × 33 % = 49.5 twice: rounded once per stage that is 99, not 50 + 50.
        opp('B', 150, 33, 'proposal', '2025-05-01'),
        opp('C', 150, 33, 'proposal', '2025-06-30'),
        opp('D', 500_000, 50, 'proposal', '2025-07-01'), // after the window
        opp('E', 100, 90, 'proposal', null), // no close date
        opp('F', 900, 100, 'proposal', '2025-05-01', 'won'),
      ],
      { from: '2025-04-01', to: '2025-06-30', stageOrder: ['discovery', 'proposal'] },
    );
    expect(r).toEqual({
      stages: [
        { stage: 'discovery', count: 1, amountCents: 1_000_000, weightedCents: 200_000 },
        { stage: 'proposal', count: 2, amountCents: 300, weightedCents: 99 },
      ],
      amountCents: 1_000_300,
      weightedCents: 200_099,
      undated: 1,
    });
  });
});

describe('funnelForecast', () => {
  const day = 86_400_000;
  const asOf = new Date(Date.UTC(2025, 3, 1));
  const ago = (d: number) => new Date(asOf.getTime() - d * day);
  // The funnel example's measured rates and median stage times (docs/attribution.md).
  const rates: StepRates = { lead: 0.8, mql: 0.75, accepted: 2 / 3, sql: 1, opportunity: 0.5 };
  const stageMedianMs = { mql: 1 * day, accepted: 4 * day, sql: 10 * day, opportunity: 33 * day };
  const open = [
    { leadId: 'm1', stage: 'mql', enteredAt: ago(0.5) },
    { leadId: 'm2', stage: 'mql', enteredAt: ago(10) },
    { leadId: 's1', stage: 'sql', enteredAt: ago(2) },
  ] as const;
  const input = { open, rates, averageDealCents: 1_000_000, stageMedianMs, asOf };

  it('multiplies today’s leads by their measured chance to win and the average deal', () => {
    // P(win | MQL) = 0.75 × 2/3 × 1 × 0.5 = 0.25; P(win | SQL) = 0.5.
    const r = funnelForecast(input);
    const byStage = Object.fromEntries(r.stages.map((s) => [s.stage, s]));
    expect(byStage.mql).toMatchObject({ count: 2, winProbability: 0.25, expectedRevenueCents: 500_000 });
    expect(byStage.sql).toMatchObject({ count: 1, winProbability: 0.5, expectedRevenueCents: 500_000 });
    expect(r.expectedRevenueCents).toBe(1_000_000);
  });

  it('counts only leads expected to close within the horizon', () => {
    // s1 leaves SQL in 8 days, then 33 in opportunity: day 41. m1 leaves MQL in half a day, then
    // 4 + 10 + 33: day 47.5. m2 has overstayed its MQL median, so from now: day 47.
    const at = (d: number) => new Date(asOf.getTime() + d * day);
    expect(funnelForecast({ ...input, horizonEnd: at(45) }).expectedRevenueCents).toBe(500_000);
    expect(funnelForecast({ ...input, horizonEnd: at(47) }).expectedRevenueCents).toBe(750_000);
    expect(funnelForecast({ ...input, horizonEnd: at(48) }).expectedRevenueCents).toBe(1_000_000);
    // Without a measured time for accepted, MQLs cannot be placed in time.
    const unknown = { ...input, stageMedianMs: { ...stageMedianMs, accepted: null }, horizonEnd: at(100) };
    expect(funnelForecast(unknown).expectedRevenueCents).toBe(500_000);
  });

  it('forecasts nothing where a rate is unmeasured', () => {
    const r = funnelForecast({ ...input, rates: { ...rates, accepted: null } });
    expect(r.stages.find((s) => s.stage === 'mql')).toMatchObject({
      winProbability: null,
      expectedRevenueCents: 0,
    });
    expect(r.expectedRevenueCents).toBe(500_000);
  });
});

describe('forecastAccuracy', () => {
  it('compares a forecast with what closed', () => {
    expect(forecastAccuracy(110, 100)).toEqual({ errorCents: 10, absolutePercentError: 0.1, accuracy: 0.9 });
    expect(forecastAccuracy(50, 200)).toEqual({
      errorCents: -150,
      absolutePercentError: 0.75,
      accuracy: 0.25,
    });
    expect(forecastAccuracy(300, 100).accuracy).toBe(0);
    expect(forecastAccuracy(10, 0)).toEqual({ errorCents: 10, absolutePercentError: null, accuracy: null });
  });
});
