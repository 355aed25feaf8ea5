import { describe, expect, it } from 'vitest';
import type { ForecastReport } from './forecast-api.js';
import { accuracyVerdict, forecastParts, monthBars, stageBars } from './forecast-data.js';

const pipeline: ForecastReport['pipeline'] = {
  stages: [
    { stage: 'discovery', count: 1, amountCents: 1_000, weightedCents: 100 },
    { stage: 'negotiation', count: 2, amountCents: 1_000, weightedCents: 400 },
  ],
  months: [
    { month: '2027-01', count: 2, amountCents: 1_000, weightedCents: 400 },
    { month: '2026-12', count: 1, amountCents: 1_000, weightedCents: 100 },
  ],
  amountCents: 2_000,
  weightedCents: 500,
  undated: 0,
};

describe('stageBars and monthBars', () => {
  it('scale to the largest weighted amount; months come in calendar order with names', () => {
    expect(stageBars(pipeline)).toEqual([
      { key: 'discovery', label: 'Discovery', value: 100, fraction: 0.25 },
      { key: 'negotiation', label: 'Negotiation', value: 400, fraction: 1 },
    ]);
    expect(monthBars(pipeline).map((b) => [b.label, b.fraction])).toEqual([
      ['Dec 2026', 0.25],
      ['Jan 2027', 1],
    ]);
  });
});

describe('forecastParts', () => {
  it('splits the total into weighted pipeline and the funnel forecast', () => {
    const parts = forecastParts({
      pipeline,
      funnelForecast: { expectedRevenueCents: 1_500 } as ForecastReport['funnelForecast'],
      totalExpectedCents: 2_000,
    });
    expect(parts).toEqual({ weightedCents: 500, funnelCents: 1_500, totalCents: 2_000, funnelShare: 0.75 });
  });
});

describe('accuracyVerdict', () => {
  const accuracy = (forecastCents: number, actualCents: number, value: number | null) => ({
    madeAt: '2026-01-01T00:00:00.000Z',
    forecastCents,
    actualCents,
    wonDeals: 0,
    allWonCents: 0,
    errorCents: forecastCents - actualCents,
    absolutePercentError: value === null ? null : 1 - value,
    accuracy: value,
  });
  it('says whether the forecast ran high or low, and when there is nothing to measure', () => {
    expect(accuracyVerdict(accuracy(120, 100, 0.8))).toBe(
      'The forecast was 80 % accurate: it overestimated what its leads won.',
    );
    expect(accuracyVerdict(accuracy(90, 100, 0.9))).toContain('underestimated');
    expect(accuracyVerdict(accuracy(0, 0, null))).toMatch(/^No forecast to check/);
    expect(accuracyVerdict(accuracy(50, 0, null))).toMatch(/unmeasured/);
  });
});
