import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../lib/money.js';
import type { Goal, Pace } from './goals-api.js';
import { currentGoal, goalFormProblems, nextQuarter, paceSides, reverseSteps } from './plan-data.js';

const goal = (id: string, periodStart: string, periodEnd: string): Goal => ({
  id,
  name: id,
  periodStart,
  periodEnd,
  targetCents: 100,
  currency: 'USD',
  funnel: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('currentGoal', () => {
  it('prefers the goal in force today, the latest to start, else the latest goal', () => {
    const goals = [
      goal('year', '2026-01-01', '2026-12-31'),
      goal('q2', '2026-04-01', '2026-06-30'),
      goal('next', '2027-01-01', '2027-03-31'),
    ];
    expect(currentGoal(goals, '2026-05-10')?.id).toBe('q2');
    expect(currentGoal(goals, '2026-06-30')?.id).toBe('q2');
    expect(currentGoal(goals, '2026-08-01')?.id).toBe('year');
    expect(currentGoal(goals, '2028-01-01')?.id).toBe('next');
    expect(currentGoal([], '2026-01-01')).toBeNull();
  });
});

describe('reverseSteps', () => {
  it('walks down from won deals to leads with the rate each stage converts at', () => {
    // The worked example of the reports guide: 100,000 at 25,000 a deal.
    const steps = reverseSteps({
      reverseFunnel: {
        required: { won: 4, opportunity: 4, sql: 12, accepted: 12, mql: 20, lead: 24 },
        blockedAt: null,
      },
      rates: { lead: 5 / 6, mql: 0.6, accepted: 1, sql: 1 / 3, opportunity: 1 },
    });
    expect(steps.map((s) => [s.label, s.required])).toEqual([
      ['Deals won', 4],
      ['Opportunities', 4],
      ['SQLs', 12],
      ['Accepted', 12],
      ['MQLs', 20],
      ['Leads', 24],
    ]);
    expect(steps[2]?.rateToNext).toBeCloseTo(1 / 3);
    expect(steps[0]?.rateToNext).toBeNull();
  });

  it('marks where the plan is blocked by a missing rate', () => {
    const steps = reverseSteps({
      reverseFunnel: {
        required: { won: 4, opportunity: 4, sql: null, accepted: null, mql: null, lead: null },
        blockedAt: 'sql',
      },
      rates: { sql: null },
    });
    expect(steps.filter((s) => s.blocked).map((s) => s.stage)).toEqual(['sql']);
  });
});

describe('paceSides', () => {
  const pace = (actual: number, required: number | null, expectedByNow: number | null): Pace => ({
    actual,
    required,
    expectedByNow,
    onTrack: expectedByNow === null ? null : actual >= expectedByNow,
  });
  it('puts marketing and sales numbers side by side with progress against the requirement', () => {
    const sides = paceSides({
      marketing: {
        leads: pace(50, 200, 100),
        mqls: pace(30, 20, 10),
        sourcedPipelineCents: pace(0, null, null),
      },
      sales: {
        sqls: pace(1, 4, 2),
        opportunities: pace(0, 0, 0),
        won: pace(1, 2, 1),
        revenueCents: pace(5, 10, 5),
      },
    });
    expect(sides.marketing.map((r) => [r.label, r.progress, r.expected])).toEqual([
      ['Leads', 0.25, 0.5],
      ['MQLs', 1, 0.5],
      ['Sourced pipeline', null, null],
    ]);
    expect(sides.marketing[2]?.money).toBe(true);
    expect(sides.sales.map((r) => r.key)).toEqual(['sqls', 'opportunities', 'won', 'revenue']);
    expect(sides.sales[1]?.progress).toBeNull();
  });
});

describe('goalFormProblems', () => {
  const form = {
    name: 'Q3',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    target: '250,000',
    currency: 'USD',
  };
  it('accepts a complete form and names each field at fault', () => {
    expect(goalFormProblems(form, parseMoney)).toEqual({});
    expect(
      goalFormProblems(
        { name: ' ', periodStart: '2026-07-01', periodEnd: '2026-06-30', target: 'lots', currency: 'usd' },
        parseMoney,
      ),
    ).toEqual({
      name: 'Give the goal a name',
      periodEnd: 'must not be before the first day',
      target: 'Enter an amount such as 250000',
      currency: 'Three capital letters, e.g. USD',
    });
    expect(goalFormProblems({ ...form, periodStart: '' }, parseMoney)).toEqual({
      periodStart: 'Pick the first day',
    });
  });
});

describe('nextQuarter', () => {
  it('gives the next calendar quarter, across the year end', () => {
    expect(nextQuarter(new Date('2026-05-15T00:00:00Z'))).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
    });
    expect(nextQuarter(new Date('2026-11-23T00:00:00Z'))).toEqual({
      periodStart: '2027-01-01',
      periodEnd: '2027-03-31',
    });
  });
});
