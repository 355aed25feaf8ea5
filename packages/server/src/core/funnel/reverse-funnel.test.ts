import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversionRates, funnelCounts } from './funnel-counts.js';
import { averageDealCents, ceilDiv, reverseFunnel, type StepRates, stepRates } from './reverse-funnel.js';

const rates: StepRates = { lead: 0.1, mql: 0.7, accepted: 0.8, sql: 0.5, opportunity: 0.25 };

describe('reverseFunnel', () => {
  it('walks a revenue goal up the funnel, rounding up at each step', () => {
    // $1,000,000 at $25,000 a deal = 40 deals; /0.25 = 160 opportunities; /0.5 = 320 SQLs;
    // /0.8 = 400 accepted; /0.7 = 571.4 → 572 MQLs; /0.1 = 5,720 leads.
    expect(reverseFunnel({ goalCents: 100_000_000, averageDealCents: 2_500_000, rates })).toEqual({
      required: { won: 40, opportunity: 160, sql: 320, accepted: 400, mql: 572, lead: 5_720 },
      blockedAt: null,
    });
  });

  it('rounds a partial deal up', () => {
    // 100 / 30 = 3.3 → 4 deals; 4 / 0.3 = 13.3 → 14 opportunities.
    const r = reverseFunnel({ goalCents: 100, averageDealCents: 30, rates: { ...rates, opportunity: 0.3 } });
    expect(r.required.won).toBe(4);
    expect(r.required.opportunity).toBe(14);
  });

  it('is not fooled by floating-point dust', () => {
    expect(21 / 0.7).toBeGreaterThan(30);
    expect(ceilDiv(21, 0.7)).toBe(30);
    expect(ceilDiv(7, 0.07)).toBe(100);
    expect(ceilDiv(10, 3)).toBe(4);
  });

  it('stops where a rate or the deal size is unknown', () => {
    expect(
      reverseFunnel({ goalCents: 100_000_000, averageDealCents: 2_500_000, rates: { ...rates, sql: null } }),
    ).toEqual({
      required: { won: 40, opportunity: 160, sql: null, accepted: null, mql: null, lead: null },
      blockedAt: 'sql',
    });
    expect(reverseFunnel({ goalCents: 1, averageDealCents: null, rates }).blockedAt).toBe('won');
    expect(
      reverseFunnel({ goalCents: 1, averageDealCents: 10, rates: { ...rates, lead: 0 } }).blockedAt,
    ).toBe('lead');
    expect(reverseFunnel({ goalCents: 0, averageDealCents: null, rates }).required.lead).toBe(0);
  });

  it('never asks for fewer than the next stage needs', () => {
    const rate = fc.double({ min: 0.001, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.record({ lead: rate, mql: rate, accepted: rate, sql: rate, opportunity: rate }),
        (goal, deal, r) => {
          const { required } = reverseFunnel({ goalCents: goal, averageDealCents: deal, rates: r });
          expect(required.won! * deal).toBeGreaterThanOrEqual(goal);
          // Up to float dust: the tolerance of ceilDiv is a few units in the last place.
          expect(required.opportunity! * r.opportunity).toBeGreaterThanOrEqual(required.won! * (1 - 1e-12));
          expect(required.lead!).toBeGreaterThanOrEqual(required.mql!);
          expect(required.mql!).toBeGreaterThanOrEqual(required.accepted!);
        },
      ),
    );
  });

  it('takes measured rates and deal sizes', () => {
    expect(averageDealCents([1_000, 3_000])).toBe(2_000);
    expect(averageDealCents([])).toBeNull();
    const at = (d: number) => new Date(Date.UTC(2025, 0, d));
    const measured = stepRates(
      conversionRates(
        funnelCounts([
          { leadId: 'a', from: null, to: 'mql', at: at(1) },
          { leadId: 'a', from: 'mql', to: 'won', at: at(2) },
          { leadId: 'b', from: null, to: 'mql', at: at(1) },
        ]),
      ),
    );
    expect(measured).toEqual({ lead: 1, mql: 0.5, accepted: 1, sql: 1, opportunity: 1 });
  });
});
