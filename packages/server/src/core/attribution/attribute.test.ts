import { describe, expect, it } from 'vitest';
import { attribute, attributeAll } from './attribute.js';
import type { AttributedDeal, AttributionModel, Touch } from './types.js';

const day = (d: string) => new Date(`2025-${d}T00:00:00Z`);
const touch = (
  id: string,
  at: string,
  channel: string,
  campaignId: string | null = `c-${channel}`,
): Touch => ({
  id,
  at: day(at),
  channel,
  campaignId,
  kind: 'page_view',
});

// The worked example of docs/attribution.md: a $10,000 deal closed on 10 April, touched five times
// before the close (7, 14, 21, 28 and 35 days earlier) and once after it.
const deal: AttributedDeal = {
  amountCents: 1_000_000,
  leadCreatedAt: day('03-13'),
  createdAt: day('03-28'),
  closedAt: day('04-10'),
};
const touches = [
  touch('t1', '03-06', 'paid_search'), // first touch
  touch('t2', '03-13', 'webinar'), // lead creation (the form fill that created the lead)
  touch('t3', '03-20', 'email'),
  touch('t4', '03-27', 'event'), // last touch before the opportunity (28 March)
  touch('t5', '04-03', 'email'), // last touch before the close
  touch('t6', '04-12', 'web'), // after the close: outside the journey
];

const cents = (model: AttributionModel, options = {}) =>
  attribute(model, deal, touches, options).credits.map((c) => c.cents);

describe('attribute: the worked example', () => {
  it('single-touch models', () => {
    expect(cents('first_touch')).toEqual([1_000_000, 0, 0, 0, 0, 0]);
    expect(cents('lead_creation')).toEqual([0, 1_000_000, 0, 0, 0, 0]);
    expect(cents('last_touch')).toEqual([0, 0, 0, 0, 1_000_000, 0]);
  });

  it('linear splits evenly over the journey only', () => {
    expect(cents('linear')).toEqual([200_000, 200_000, 200_000, 200_000, 200_000, 0]);
  });

  it('U-shaped: 40 % first touch, 40 % lead creation, 20 % over the rest', () => {
    // 200,000 over three touches is 66,666.67 each: two spare cents go to the two earliest.
    expect(cents('u_shaped')).toEqual([400_000, 400_000, 66_667, 66_667, 66_666, 0]);
  });

  it('W-shaped: 30 % each to first touch, lead creation, opportunity creation, 10 % over the rest', () => {
    expect(cents('w_shaped')).toEqual([300_000, 300_000, 50_000, 300_000, 50_000, 0]);
  });

  it('full path: 22.5 % to each of the four milestones, 10 % over the rest', () => {
    expect(cents('full_path')).toEqual([225_000, 225_000, 100_000, 225_000, 225_000, 0]);
  });

  it('time decay halves weight per half-life before the close', () => {
    // Ages 35, 28, 21, 14, 7 days with a 7-day half-life: weights 1, 2, 4, 8, 16 (sum 31).
    // 1,000,000 × k / 31 → 32,258.06 / 64,516.13 / 129,032.26 / 258,064.52 / 516,129.03;
    // the floors leave one cent, which goes to the largest remainder (.52, touch t4).
    expect(cents('time_decay', { halfLifeDays: 7 })).toEqual([32_258, 64_516, 129_032, 258_065, 516_129, 0]);
    // A 14-day half-life flattens the curve: weights 1, √2, 2, 2√2, 4.
    const flatter = cents('time_decay', { halfLifeDays: 14 });
    expect(flatter.reduce((s, c) => s + c, 0)).toBe(1_000_000);
    expect(flatter[0]!).toBeGreaterThan(32_258);
  });

  it('data-driven splits each channel weight over that channel’s touches', () => {
    const channelWeights = new Map([
      ['paid_search', 0.2],
      ['webinar', 0.3],
      ['email', 0.4],
      ['event', 0.1],
    ]);
    expect(cents('data_driven', { channelWeights })).toEqual([
      200_000, 300_000, 200_000, 100_000, 200_000, 0,
    ]);
    // Channels the chain never saw converting carry no weight; with none the deal is linear.
    expect(cents('data_driven', { channelWeights: new Map([['tv', 1]]) })).toEqual(cents('linear'));
    expect(cents('data_driven')).toEqual(cents('linear'));
  });

  it('attributeAll returns every model over the same journey', () => {
    const all = attributeAll(deal, touches, { halfLifeDays: 7 });
    expect(all.map((r) => r.model)).toEqual([
      'first_touch',
      'lead_creation',
      'last_touch',
      'linear',
      'u_shaped',
      'w_shaped',
      'full_path',
      'time_decay',
      'data_driven',
    ]);
    for (const r of all) expect(r.credits.map((c) => c.cents)).toEqual(cents(r.model, { halfLifeDays: 7 }));
  });
});

describe('attribute: journeys and missing milestones', () => {
  it('credits an open deal up to the opportunity’s creation', () => {
    const open = { ...deal, closedAt: null };
    expect(attribute('last_touch', open, touches).credits.map((c) => c.cents)).toEqual([
      0, 0, 0, 1_000_000, 0, 0,
    ]);
    // Full path without a close: the closed-won share drops out, the others scale up
    // (45 parts each for t1, t2, t4 and 20 for t3, of 155): 290,322.58 ×3 and 129,032.26; the
    // two spare cents go to the equal largest remainders, earliest first (t1, t2).
    expect(attribute('full_path', open, touches).credits.map((c) => c.cents)).toEqual([
      290_323, 290_323, 129_032, 290_322, 0, 0,
    ]);
  });

  it('prefers opportunityCreatedAt over the record’s creation', () => {
    const late = { ...deal, closedAt: null, opportunityCreatedAt: day('04-05') };
    expect(attribute('last_touch', late, touches).credits[4]!.cents).toBe(1_000_000);
  });

  it('leaves the amount unattributed when there is no touch, or none holds the milestone', () => {
    for (const r of attributeAll(deal, [])) {
      expect(r.credits).toEqual([]);
      expect(r.unattributedCents).toBe(1_000_000);
    }
    const afterLead = { ...deal, leadCreatedAt: day('03-01') };
    const lc = attribute('lead_creation', afterLead, touches);
    expect(lc.unattributedCents).toBe(1_000_000);
    expect(lc.credits.every((c) => c.cents === 0)).toBe(true);
    // Touches only after the close: nothing inside the journey.
    expect(attribute('linear', deal, [touches[5]!]).unattributedCents).toBe(1_000_000);
  });

  it('lets a touch holding several milestones take each share', () => {
    // One touch is first touch and lead creation; the other is the opportunity-creation touch.
    const two = [touch('a', '03-13', 'webinar'), touch('b', '03-27', 'event')];
    expect(attribute('w_shaped', deal, two).credits.map((c) => c.cents)).toEqual([666_667, 333_333]);
    expect(attribute('u_shaped', deal, two).credits.map((c) => c.cents)).toEqual([800_000, 200_000]);
    // A single touch takes everything under every model.
    for (const r of attributeAll(deal, [two[0]!])) expect(r.credits[0]!.cents).toBe(1_000_000);
  });

  it('orders touches by time then id whatever order they arrive in', () => {
    const shuffled = [touches[3]!, touches[0]!, touches[5]!, touches[2]!, touches[4]!, touches[1]!];
    expect(attributeAll(deal, shuffled)).toEqual(attributeAll(deal, touches));
  });

  it('rejects bad amounts and half-lives', () => {
    expect(() => attribute('linear', { ...deal, amountCents: 10.5 }, touches)).toThrow(RangeError);
    expect(() => attribute('time_decay', deal, touches, { halfLifeDays: 0 })).toThrow(RangeError);
  });
});
