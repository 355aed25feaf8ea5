import { describe, expect, it } from 'vitest';
import type { Leak, SpeedRow } from './dashboard-api.js';
import {
  formatMinutes,
  funnelBars,
  shareSplit,
  slaSides,
  speedSummary,
  topReasons,
} from './dashboard-data.js';

describe('funnelBars', () => {
  it('gives every main stage its count, bar length and step conversion, in funnel order', () => {
    const bars = funnelBars({
      counts: {
        leads: 100,
        reached: { lead: 100, mql: 40, accepted: 20, sql: 10, opportunity: 5 },
        current: {},
      },
      conversion: [
        { from: 'lead', to: 'mql', reached: 100, converted: 40, rate: 0.4 },
        { from: 'mql', to: 'accepted', reached: 40, converted: 20, rate: 0.5 },
        { from: 'opportunity', to: 'won', reached: 5, converted: 0, rate: 0 },
      ],
    });
    expect(bars.map((b) => b.stage)).toEqual(['lead', 'mql', 'accepted', 'sql', 'opportunity', 'won']);
    expect(bars[0]).toEqual({ stage: 'lead', label: 'Leads', count: 100, fraction: 1, toNext: 0.4 });
    expect(bars[1]?.fraction).toBe(0.4);
    expect(bars[3]?.toNext).toBeNull();
    expect(bars[5]).toMatchObject({ count: 0, fraction: 0, toNext: null });
  });

  it('draws an empty funnel without dividing by zero', () => {
    const bars = funnelBars({ counts: { leads: 0, reached: {}, current: {} }, conversion: [] });
    expect(bars.every((b) => b.count === 0 && b.fraction === 0)).toBe(true);
  });
});

describe('shareSplit', () => {
  it('cuts pipeline into sourced, influenced only and other, adding up to the total', () => {
    const split = shareSplit({
      totalCents: 1_000,
      sourcedCents: 470,
      influencedCents: 800,
      sourcedShare: 0.47,
      influencedShare: 0.8,
    });
    expect(split?.parts.map((p) => [p.key, p.cents])).toEqual([
      ['sourced', 470],
      ['influenced', 330],
      ['other', 200],
    ]);
    expect(split?.parts.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1);
    expect(
      shareSplit({
        totalCents: 0,
        sourcedCents: 0,
        influencedCents: 0,
        sourcedShare: null,
        influencedShare: null,
      }),
    ).toBeNull();
  });
});

describe('topReasons', () => {
  const leak = (
    to: string,
    reasonLabel: string | null,
    count: number,
    reasonCode: string | null = null,
  ): Leak => ({
    from: 'mql',
    to,
    reasonCode,
    reasonLabel,
    count,
    share: 0,
  });
  it('adds up a reason across stages, leaves out lost deals, and names missing reasons', () => {
    const reasons = topReasons(
      [
        leak('recycled', 'Not our customer', 3),
        leak('disqualified', 'Not our customer', 2),
        leak('recycled', 'Bad timing', 4),
        leak('lost', 'Price', 9),
        leak('recycled', null, 1, 'spam'),
        leak('disqualified', null, 1),
      ],
      3,
    );
    expect(reasons).toEqual([
      { reason: 'Not our customer', count: 5, share: 5 / 11 },
      { reason: 'Bad timing', count: 4, share: 4 / 11 },
      { reason: 'No reason given', count: 1, share: 1 / 11 },
    ]);
    expect(topReasons([])).toEqual([]);
  });
});

describe('speedSummary', () => {
  const stats = (reached: number, p50: number | null, m5: number, m60: number) => ({
    reached,
    p50Minutes: p50,
    p95Minutes: null,
    within: { m5, m15: m5, m60 },
  });
  const row = (group: string, leads: number, firstTouch: SpeedRow['firstTouch']): SpeedRow => ({
    group,
    leads,
    assigned: stats(leads, 0, 1, 1),
    firstTouch,
    decision: stats(0, null, 0, 0),
  });
  it('weights each source’s shares by its MQLs and finds the slowest source', () => {
    const s = speedSummary([
      row('webinar', 30, stats(30, 10, 0.5, 1)),
      row('event', 10, stats(5, 600, 0, 0.1)),
    ]);
    expect(s.leads).toBe(40);
    expect(s.touched).toBeCloseTo(35 / 40);
    expect(s.within5).toBeCloseTo((0.5 * 30) / 40);
    expect(s.within60).toBeCloseTo((30 + 1) / 40);
    expect(s.slowest).toEqual({ group: 'event', p50Minutes: 600 });
    expect(speedSummary([])).toEqual({
      leads: 0,
      touched: null,
      within5: null,
      within60: null,
      slowest: null,
    });
  });
});

describe('slaSides', () => {
  it('sums each side’s clocks and labels the kinds', () => {
    const [sales, marketing] = slaSides({
      sales: [
        { kind: 'accept_reject', met: 3, breached: 1, open: 2, rate: 0.75 },
        { kind: 'first_touch', met: 1, breached: 3, open: 0, rate: 0.25 },
      ],
      marketing: [],
    });
    expect(sales).toMatchObject({ side: 'sales', met: 4, breached: 4, open: 2, rate: 0.5 });
    expect(sales?.kinds.map((k) => k.label)).toEqual(['Accept or return new MQLs', 'First touch']);
    expect(marketing).toMatchObject({ side: 'marketing', met: 0, breached: 0, rate: null, kinds: [] });
  });
});

describe('formatMinutes', () => {
  it('picks minutes, hours or days', () => {
    expect(formatMinutes(42.4)).toBe('42 min');
    expect(formatMinutes(210)).toBe('3.5 h');
    expect(formatMinutes(3 * 1440)).toBe('3.0 d');
    expect(formatMinutes(null)).toBe('—');
  });
});
