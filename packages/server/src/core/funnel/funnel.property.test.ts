import { type LeadStage, leadStages } from '@tandem/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversionRates, funnelCounts } from './funnel-counts.js';
import { leakageByReason } from './leakage.js';
import { type FunnelTransition, mainStages, type TimeWindow } from './types.js';
import { stageVelocity } from './velocity.js';

const base = Date.UTC(2025, 0, 1);
const hour = 3_600_000;

// A lead's history is a chain: each transition leaves the stage the previous one entered, at a
// later or equal time, and nothing follows won or lost.
const leadHistory = (leadId: string) =>
  fc
    .array(fc.tuple(fc.constantFrom(...leadStages), fc.integer({ min: 0, max: 24 * 10 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((steps) => {
      const out: FunnelTransition[] = [];
      let from: LeadStage | null = null;
      let t = base;
      for (const [to, gap] of steps) {
        t += gap * hour;
        out.push({ leadId, from, to, at: new Date(t), reasonCode: gap % 3 === 0 ? null : `r${gap % 3}` });
        if (to === 'won' || to === 'lost') break;
        from = to;
      }
      return out;
    });

const historyArb = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => leadHistory(`L${i}`))))
  .map((leads) => leads.flat());

const windowArb: fc.Arbitrary<TimeWindow | undefined> = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 24 * 40 }), fc.integer({ min: 0, max: 24 * 40 })).map(([a, b]) => ({
    since: new Date(base + Math.min(a, b) * hour),
    until: new Date(base + Math.max(a, b) * hour),
  })),
  { nil: undefined },
);

const inside = (t: FunnelTransition, w: TimeWindow | undefined) =>
  (!w?.since || t.at >= w.since) && (!w?.until || t.at < w.until);

describe('funnel counts reconcile with the transitions', () => {
  it('entries, entered, reached and current agree with the history', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const c = funnelCounts(history, window);
        const inWindow = history.filter((t) => inside(t, window));
        const sum = (r: Record<string, number>) => Object.values(r).reduce((s, x) => s + x, 0);
        expect(sum(c.entries)).toBe(inWindow.length);
        expect(c.leads).toBe(new Set(inWindow.map((t) => t.leadId)).size);
        const before = history.filter((t) => !window?.until || t.at < window.until);
        expect(sum(c.current)).toBe(new Set(before.map((t) => t.leadId)).size);
        for (const s of leadStages) {
          expect(c.entered[s]).toBe(new Set(inWindow.filter((t) => t.to === s).map((t) => t.leadId)).size);
          expect(c.entered[s]).toBeLessThanOrEqual(c.entries[s]);
        }
        expect(c.reached.lead).toBe(c.leads);
        mainStages.forEach((s, i) => {
          expect(c.reached[s]).toBeGreaterThanOrEqual(c.entered[s]);
          if (i > 0) expect(c.reached[s]).toBeLessThanOrEqual(c.reached[mainStages[i - 1]!]);
        });
        for (const r of conversionRates(c)) if (r.rate !== null) expect(r.rate).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('every non-first transition closes exactly one stay', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const v = stageVelocity(history);
        const leads = new Set(history.map((t) => t.leadId)).size;
        const stays = v.reduce((s, r) => s + r.stays, 0);
        expect(stays).toBe(history.length - leads);
        const terminal = funnelCounts(history).current;
        expect(v.reduce((s, r) => s + r.open, 0) + terminal.won + terminal.lost).toBe(leads);
        for (const r of v) {
          if (r.stays === 0) continue;
          expect(r.medianMs!).toBeLessThanOrEqual(r.p90Ms!);
          expect(r.medianMs!).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('leakage counts every leak transition once and its shares sum to 1', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const rows = leakageByReason(history, window);
        const leaks = history.filter(
          (t) => inside(t, window) && (t.to === 'recycled' || t.to === 'disqualified' || t.to === 'lost'),
        );
        expect(rows.reduce((s, r) => s + r.count, 0)).toBe(leaks.length);
        if (rows.length > 0) expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
      }),
    );
  });
});
