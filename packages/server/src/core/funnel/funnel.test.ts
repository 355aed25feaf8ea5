import type { LeadStage } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { cohortConversion } from './cohorts.js';
import { conversionByGroup } from './conversion-by-group.js';
import { conversionRates, funnelCounts } from './funnel-counts.js';
import { leakageByReason } from './leakage.js';
import type { FunnelTransition } from './types.js';
import { stageVelocity } from './velocity.js';

const day = (d: string) => new Date(`2025-${d}T00:00:00Z`);
const step = (
  leadId: string,
  from: LeadStage | null,
  to: LeadStage,
  at: string,
  extra: Partial<FunnelTransition> = {},
): FunnelTransition => ({ leadId, from, to, at: day(at), ...extra });

// Five leads, the example of docs/attribution.md ("Funnel").
const history: FunnelTransition[] = [
  // L1 walks the whole funnel and wins.
  step('L1', null, 'lead', '01-01'),
  step('L1', 'lead', 'mql', '01-05', { contractVersion: 1 }),
  step('L1', 'mql', 'accepted', '01-06'),
  step('L1', 'accepted', 'sql', '01-10'),
  step('L1', 'sql', 'opportunity', '01-20'),
  step('L1', 'opportunity', 'won', '02-20'),
  // L2 is returned as not ready, nurtured, and comes back.
  step('L2', null, 'lead', '01-02'),
  step('L2', 'lead', 'mql', '01-10', { contractVersion: 2 }),
  step('L2', 'mql', 'recycled', '01-12', { reasonCode: 'not_ready' }),
  step('L2', 'recycled', 'mql', '02-15', { contractVersion: 2 }),
  step('L2', 'mql', 'accepted', '02-16'),
  // L3 is disqualified.
  step('L3', null, 'lead', '01-03'),
  step('L3', 'lead', 'mql', '01-20', { contractVersion: 1 }),
  step('L3', 'mql', 'disqualified', '01-21', { reasonCode: 'student' }),
  // L4 is created by sales straight as an SQL, and lost.
  step('L4', null, 'sql', '01-15'),
  step('L4', 'sql', 'opportunity', '01-25'),
  step('L4', 'opportunity', 'lost', '03-01', { reasonCode: 'price' }),
  // L5 has only arrived.
  step('L5', null, 'lead', '02-01'),
];

const days = (n: number) => n * 86_400_000;

describe('funnelCounts', () => {
  it('counts entries, distinct entries, reached and current stages', () => {
    const c = funnelCounts(history);
    expect(c.leads).toBe(5);
    expect(c.entries).toEqual({
      lead: 4,
      mql: 4,
      accepted: 2,
      sql: 2,
      opportunity: 2,
      won: 1,
      lost: 1,
      recycled: 1,
      disqualified: 1,
    });
    expect(c.entered.mql).toBe(3);
    // L4 skipped lead, MQL and accepted but has passed them: the funnel narrows monotonically.
    expect(c.reached).toEqual({ lead: 5, mql: 4, accepted: 3, sql: 2, opportunity: 2, won: 1 });
    expect(c.current).toMatchObject({ won: 1, accepted: 1, disqualified: 1, lost: 1, lead: 1, mql: 0 });
  });

  it('derives stage-to-stage conversion', () => {
    expect(conversionRates(funnelCounts(history)).map((r) => [r.from, r.to, r.rate])).toEqual([
      ['lead', 'mql', 4 / 5],
      ['mql', 'accepted', 3 / 4],
      ['accepted', 'sql', 2 / 3],
      ['sql', 'opportunity', 1],
      ['opportunity', 'won', 1 / 2],
    ]);
    expect(conversionRates(funnelCounts([]))[0]!.rate).toBeNull();
  });

  it('counts within a window and the stages at its end', () => {
    const c = funnelCounts(history, { since: day('02-01'), until: day('03-01') });
    expect(c.leads).toBe(3);
    expect(c.reached).toEqual({ lead: 3, mql: 2, accepted: 2, sql: 1, opportunity: 1, won: 1 });
    // L4's loss on 1 March falls outside [1 Feb, 1 Mar): it is still an opportunity at the end.
    expect(c.current).toMatchObject({
      won: 1,
      accepted: 1,
      disqualified: 1,
      opportunity: 1,
      lead: 1,
      lost: 0,
    });
  });
});

describe('stageVelocity', () => {
  it('gives median and p90 time in stage from completed stays', () => {
    const v = Object.fromEntries(stageVelocity(history).map((s) => [s.stage, s]));
    // Lead stays 4, 8 and 17 days: median 8; p90 at rank 1.8 → 8 + 0.8 × 9 = 15.2 days.
    expect(v.lead).toMatchObject({ stays: 3, open: 1, medianMs: days(8) });
    expect(v.lead!.p90Ms).toBeCloseTo(days(15.2), 3);
    // MQL stays 1, 2, 1, 1 days (L2 twice): median 1; p90 at rank 2.7 → 1.7 days.
    expect(v.mql).toMatchObject({ stays: 4, open: 0, medianMs: days(1) });
    expect(v.mql!.p90Ms).toBeCloseTo(days(1.7), 3);
    expect(v.accepted).toMatchObject({ stays: 1, open: 1, medianMs: days(4), p90Ms: days(4) });
    expect(v.sql).toMatchObject({ stays: 2, medianMs: days(10) });
    // Opportunity stays 31 and 35 days: median 33, p90 31 + 0.9 × 4 = 34.6.
    expect(v.opportunity!.medianMs).toBe(days(33));
    expect(v.opportunity!.p90Ms).toBeCloseTo(days(34.6), 3);
    expect(v.recycled).toMatchObject({ stays: 1, medianMs: days(34) });
    expect(v.disqualified).toMatchObject({ stays: 0, open: 1, medianMs: null, p90Ms: null });
    expect(v.won).toBeUndefined();
  });

  it('assigns stays to the window of their exit', () => {
    const v = Object.fromEntries(stageVelocity(history, { since: day('02-01') }).map((s) => [s.stage, s]));
    expect(v.recycled!.stays).toBe(1);
    expect(v.opportunity!.stays).toBe(2);
    expect(v.lead!.stays).toBe(0);
  });
});

describe('leakageByReason', () => {
  it('groups leaks by stage and reason, largest first', () => {
    const extra = step('L6', 'mql', 'recycled', '02-02', { reasonCode: 'not_ready' });
    expect(leakageByReason([...history, extra])).toEqual([
      { from: 'mql', to: 'recycled', reasonCode: 'not_ready', count: 2, share: 0.5 },
      { from: 'mql', to: 'disqualified', reasonCode: 'student', count: 1, share: 0.25 },
      { from: 'opportunity', to: 'lost', reasonCode: 'price', count: 1, share: 0.25 },
    ]);
    expect(leakageByReason(history, { until: day('02-01') }).map((r) => r.reasonCode)).toEqual([
      'student',
      'not_ready',
    ]);
  });
});

describe('cohortConversion', () => {
  it('measures each MQL month’s share reaching later stages within N days', () => {
    // January MQLs: L1 (5 Jan), L2 (10 Jan), L3 (20 Jan); L4 never was an MQL.
    // Within 30 days L1 reached SQL (10 Jan) and opportunity (20 Jan) but won only on day 46.
    const [jan, ...rest] = cohortConversion(history, { withinDays: 30, asOf: day('04-01') });
    expect(rest).toEqual([]);
    expect(jan).toEqual({
      month: '2025-01',
      size: 3,
      complete: true,
      reached: [
        { stage: 'sql', count: 1, share: 1 / 3 },
        { stage: 'opportunity', count: 1, share: 1 / 3 },
        { stage: 'won', count: 0, share: 0 },
      ],
    });
    const sixty = cohortConversion(history, { withinDays: 60, asOf: day('04-01') });
    expect(sixty[0]!.reached[2]).toEqual({ stage: 'won', count: 1, share: 1 / 3 });
    // On 1 February L3's 30 days (from 20 Jan) are still running.
    expect(cohortConversion(history, { withinDays: 30, asOf: day('02-01') })[0]!.complete).toBe(false);
  });

  it('cuts months in the workspace time zone', () => {
    const late = [{ leadId: 'X', from: 'lead', to: 'mql', at: new Date('2025-01-31T23:30:00Z') } as const];
    const opts = { withinDays: 30, asOf: day('04-01') };
    expect(cohortConversion(late, opts)[0]!.month).toBe('2025-01');
    expect(cohortConversion(late, { ...opts, timeZone: 'America/New_York' })[0]!.month).toBe('2025-01');
    expect(cohortConversion(late, { ...opts, timeZone: 'Asia/Tokyo' })[0]!.month).toBe('2025-02');
  });
});

describe('conversionByGroup', () => {
  it('splits MQL → SQL by the contract version of the first MQL', () => {
    const rows = conversionByGroup(history, {
      from: 'mql',
      to: 'sql',
      groupOf: (t) => (t.contractVersion == null ? null : `v${t.contractVersion}`),
    });
    expect(rows).toEqual([
      { group: 'v1', entered: 2, converted: 1, rate: 0.5 },
      { group: 'v2', entered: 1, converted: 0, rate: 0 },
    ]);
  });

  it('groups by lead source through a lookup and honours a time limit', () => {
    const source = new Map([
      ['L1', 'webinar'],
      ['L2', 'ads'],
    ]);
    const rows = conversionByGroup(history, {
      from: 'mql',
      to: 'opportunity',
      groupOf: (t) => source.get(t.leadId) ?? null,
      withinDays: 14,
    });
    // L1 became an opportunity 15 days after its MQL: outside 14 days.
    expect(rows).toEqual([
      { group: 'ads', entered: 1, converted: 0, rate: 0 },
      { group: 'webinar', entered: 1, converted: 0, rate: 0 },
      { group: null, entered: 1, converted: 0, rate: 0 },
    ]);
  });
});
