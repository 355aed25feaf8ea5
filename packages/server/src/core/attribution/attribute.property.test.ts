import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, attributeAll } from './attribute.js';
import { buildJourney } from './journey.js';
import type { AttributedDeal, Touch } from './types.js';

const hour = 3_600_000;
const base = Date.UTC(2025, 0, 1);
const channels = ['email', 'paid_search', 'webinar', 'event', 'web'] as const;

// Times on a coarse grid of a few weeks so equal timestamps and touches around milestones are common.
const time = fc.integer({ min: 0, max: 24 * 30 }).map((h) => new Date(base + h * hour));
const amount = fc.oneof(
  fc.constantFrom(0, 1, 2, 3),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.maxSafeNat(),
);

const touchesArb = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      at: time,
      channel: fc.constantFrom(...channels),
      campaignId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
      kind: fc.constant('page_view'),
    }),
    { selector: (t) => t.id, maxLength: 9 },
  )
  .map((ts): Touch[] => ts);

const dealArb = fc
  .record({
    amountCents: amount,
    createdAt: time,
    closedAt: fc.option(time, { nil: null }),
    leadCreatedAt: fc.option(time, { nil: null }),
    opportunityCreatedAt: fc.option(time, { nil: null }),
  })
  .map((d): AttributedDeal => d);

const optionsArb = fc.record({
  halfLifeDays: fc.double({ min: 0.01, max: 400, noNaN: true }),
  channelWeights: fc
    .array(fc.tuple(fc.constantFrom(...channels), fc.double({ min: 0, max: 1, noNaN: true })), {
      maxLength: 5,
    })
    .map((pairs) => new Map(pairs)),
});

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('attribution properties', () => {
  it('credits plus unattributed sum exactly to the amount under every model', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, optionsArb, (deal, touches, options) => {
        for (const r of attributeAll(deal, touches, options)) {
          expect(r.credits).toHaveLength(touches.length);
          for (const c of r.credits) expect(Number.isSafeInteger(c.cents) && c.cents >= 0).toBe(true);
          expect(sum(r.credits.map((c) => c.cents)) + r.unattributedCents).toBe(deal.amountCents);
          // Something is left unattributed only when no touch could take it at all.
          if (r.unattributedCents > 0) expect(sum(r.credits.map((c) => c.cents))).toBe(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves nothing unattributed for spread models when the journey has a touch', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, optionsArb, (deal, touches, options) => {
        const inJourney = buildJourney(deal, touches).touches.length;
        for (const r of attributeAll(deal, touches, options)) {
          if (r.model === 'lead_creation') continue;
          expect(r.unattributedCents).toBe(inJourney > 0 || deal.amountCents === 0 ? 0 : deal.amountCents);
        }
      }),
    );
  });

  it('gives a single-touch model’s whole amount to one touch', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, (deal, touches) => {
        for (const model of ['first_touch', 'lead_creation', 'last_touch'] as const) {
          const r = attribute(model, deal, touches);
          const paid = r.credits.filter((c) => c.cents > 0);
          if (deal.amountCents === 0) expect(paid).toHaveLength(0);
          else if (r.unattributedCents === 0) expect(paid.map((c) => c.cents)).toEqual([deal.amountCents]);
          else expect(paid).toHaveLength(0);
        }
      }),
    );
  });

  it('gives touches outside the journey nothing', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, optionsArb, (deal, touches, options) => {
        const end = (deal.closedAt ?? deal.opportunityCreatedAt ?? deal.createdAt).getTime();
        const outside = new Set(touches.filter((t) => t.at.getTime() > end).map((t) => t.id));
        for (const r of attributeAll(deal, touches, options))
          for (const c of r.credits) if (outside.has(c.touchId)) expect(c.cents).toBe(0);
      }),
    );
  });

  it('time decay never gives a later touch less than an earlier one', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, optionsArb, (deal, touches, options) => {
        const journey = new Set(buildJourney(deal, touches).touches.map((t) => t.id));
        const r = attribute('time_decay', deal, touches, options);
        const credits = r.credits.filter((c) => journey.has(c.touchId)).map((c) => c.cents);
        for (let i = 1; i < credits.length; i++) expect(credits[i]!).toBeGreaterThanOrEqual(credits[i - 1]!);
      }),
      { numRuns: 400 },
    );
  });

  it('linear credits differ by at most one cent', () => {
    fc.assert(
      fc.property(dealArb, touchesArb, (deal, touches) => {
        const journey = new Set(buildJourney(deal, touches).touches.map((t) => t.id));
        const credits = attribute('linear', deal, touches)
          .credits.filter((c) => journey.has(c.touchId))
          .map((c) => c.cents);
        if (credits.length > 0) expect(Math.max(...credits) - Math.min(...credits)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is deterministic: same touches in any order give the same credits', () => {
    fc.assert(
      fc.property(
        dealArb,
        touchesArb.chain((ts) =>
          fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length })),
        ),
        optionsArb,
        (deal, [touches, shuffled], options) => {
          expect(attributeAll(deal, shuffled, options)).toEqual(attributeAll(deal, touches, options));
        },
      ),
    );
  });
});
