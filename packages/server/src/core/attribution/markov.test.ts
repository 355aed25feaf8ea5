import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute } from './attribute.js';
import { journeyChannels } from './journey.js';
import { markovRemovalEffects } from './markov.js';
import type { Touch } from './types.js';

const byChannel = (r: ReturnType<typeof markovRemovalEffects>) =>
  Object.fromEntries(r.effects.map((e) => [e.channel, [e.removalEffect, e.weight]]));

describe('markovRemovalEffects', () => {
  it('matches the hand-computed three-channel example', () => {
    // Journeys: C1→C2→C3 converts; C1 alone fails; C2→C3 fails.
    // Transitions: start→C1 2/3, start→C2 1/3; C1→C2 1/2, C1→null 1/2; C2→C3 1; C3→conv 1/2, C3→null 1/2.
    // P(conv | C3) = 1/2, P(conv | C2) = 1/2, P(conv | C1) = 1/4,
    // P(conv) = 2/3·1/4 + 1/3·1/2 = 1/3.
    // Remove C1 (start→C1 becomes null): P = 1/3·1/2 = 1/6 → effect 1 − (1/6)/(1/3) = 1/2.
    // Remove C2: every converting path passes C2 → P = 0 → effect 1. Likewise C3 → effect 1.
    // Weights: 0.5 / 2.5 = 0.2, 1 / 2.5 = 0.4, 0.4.
    const r = markovRemovalEffects([
      { channels: ['C1', 'C2', 'C3'], converted: true },
      { channels: ['C1'], converted: false },
      { channels: ['C2', 'C3'], converted: false },
    ]);
    expect(r.conversionProbability).toBeCloseTo(1 / 3, 12);
    const e = byChannel(r);
    expect(e.C1![0]).toBeCloseTo(0.5, 12);
    expect(e.C2![0]).toBeCloseTo(1, 12);
    expect(e.C3![0]).toBeCloseTo(1, 12);
    expect(e.C1![1]).toBeCloseTo(0.2, 12);
    expect(e.C2![1]).toBeCloseTo(0.4, 12);
    expect(e.C3![1]).toBeCloseTo(0.4, 12);
    expect([...r.weights.keys()]).toEqual(['C1', 'C2', 'C3']);
  });

  it('matches a second hand example with a shared path', () => {
    // Journeys: A converts; B converts; A→B fails.
    // start→A 2/3, start→B 1/3; A→conv 1/2, A→B 1/2; B→conv 1/2, B→null 1/2.
    // P(B) = 1/2; P(A) = 1/2 + 1/2·1/2 = 3/4; P = 2/3·3/4 + 1/3·1/2 = 2/3.
    // Remove A: P = 1/3·1/2 = 1/6 → effect 1 − 1/4 = 3/4.
    // Remove B: P(A) = 1/2, P = 2/3·1/2 = 1/3 → effect 1/2. Weights 0.6 and 0.4.
    const r = markovRemovalEffects([
      { channels: ['A'], converted: true },
      { channels: ['B'], converted: true },
      { channels: ['A', 'B'], converted: false },
    ]);
    expect(r.conversionProbability).toBeCloseTo(2 / 3, 12);
    const e = byChannel(r);
    expect(e.A![0]).toBeCloseTo(0.75, 12);
    expect(e.B![0]).toBeCloseTo(0.5, 12);
    expect(e.A![1]).toBeCloseTo(0.6, 12);
    expect(e.B![1]).toBeCloseTo(0.4, 12);
  });

  it('handles repeated channels (self-loops) and empty journeys', () => {
    // start→A 1; A→A 1/3, A→conv 1/3, A→null 1/3: P(A) = 1/3 + 1/3·P(A) → P(A) = 1/2.
    // The empty converted journey adds start→conv. P = (2·1/2 + 1) / 3 = 2/3; removing A leaves 1/3.
    const r = markovRemovalEffects([
      { channels: ['A', 'A'], converted: true },
      { channels: ['A'], converted: false },
      { channels: [], converted: true },
    ]);
    expect(r.conversionProbability).toBeCloseTo(2 / 3, 12);
    expect(r.effects[0]!.removalEffect).toBeCloseTo(0.5, 12);
    expect(r.effects[0]!.weight).toBeCloseTo(1, 12);
  });

  it('gives no weight when nothing converts or there is no data', () => {
    expect(markovRemovalEffects([])).toEqual({ conversionProbability: 0, effects: [], weights: new Map() });
    const none = markovRemovalEffects([{ channels: ['A', 'B'], converted: false }]);
    expect(none.effects.map((e) => e.weight)).toEqual([0, 0]);
  });

  it('yields effects in [0, 1] and weights summing to 1 whenever something converts through a channel', () => {
    const journey = fc.record({
      channels: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
      converted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(journey, { maxLength: 30 }), (journeys) => {
        const r = markovRemovalEffects(journeys);
        for (const e of r.effects) {
          expect(e.removalEffect).toBeGreaterThanOrEqual(0);
          expect(e.removalEffect).toBeLessThanOrEqual(1);
        }
        const total = r.effects.reduce((s, e) => s + e.weight, 0);
        if (journeys.some((j) => j.converted && j.channels.length > 0)) expect(total).toBeCloseTo(1, 9);
        // The chain reproduces the observed conversion rate for first-order data.
        const observed = journeys.filter((j) => j.converted).length / Math.max(journeys.length, 1);
        expect(r.conversionProbability).toBeCloseTo(observed, 9);
      }),
    );
  });

  it('feeds the data-driven model: the three-channel weights credit a deal 20/40/40', () => {
    const { weights } = markovRemovalEffects([
      { channels: ['C1', 'C2', 'C3'], converted: true },
      { channels: ['C1'], converted: false },
      { channels: ['C2', 'C3'], converted: false },
    ]);
    const at = (d: number) => new Date(Date.UTC(2025, 0, d));
    const touches: Touch[] = ['C1', 'C2', 'C3', 'C2'].map((channel, i) => ({
      id: `t${i}`,
      at: at(i + 1),
      channel,
      campaignId: null,
      kind: 'page_view',
    }));
    const deal = { amountCents: 100_000, createdAt: at(10) };
    expect(journeyChannels(deal, touches)).toEqual(['C1', 'C2', 'C3', 'C2']);
    // C2's 40 % is split over its two touches.
    const r = attribute('data_driven', deal, touches, { channelWeights: weights });
    expect(r.credits.map((c) => c.cents)).toEqual([20_000, 20_000, 40_000, 20_000]);
  });
});
