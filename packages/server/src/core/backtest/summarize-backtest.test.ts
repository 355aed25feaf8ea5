import { describe, expect, it } from 'vitest';
import { exampleContract } from '../scoring/example-contract.js';
import { compileContract } from '../scoring/index.js';
import { createFitEncoder, fitStructureKey, interestStructureKey, scoreFitColumns } from './fit-columns.js';
import { type ContractReplay, summarizeBacktest, weekStart } from './summarize-backtest.js';

const day = 86_400_000;
const from = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const to = from + 20 * day;
const replay = (mqlAt: number[], interest: number[], grade: number[]): ContractReplay => ({
  mqlAt: Float64Array.from(mqlAt),
  interest: Float64Array.from(interest),
  grade: Uint8Array.from(grade),
});

describe('summarizeBacktest', () => {
  it('counts precision, recall and lift against outcomes within the days after the MQL', () => {
    // Lead 3 is outside the window (no event there); lead 2 converted too late after its MQL.
    const candidate = replay(
      [from + day, from + 8 * day, from + 2 * day, from + day, Number.NaN],
      [90, 50, 40, 10, 0],
      [0, 1, 2, 0, 4],
    );
    const active = replay(
      [from + day, Number.NaN, Number.NaN, Number.NaN, from + 3 * day],
      [0, 0, 0, 0, 70],
      [0, 0, 0, 0, 0],
    );
    const s = summarizeBacktest({
      from,
      to,
      outcome: { stage: 'sql', withinDays: 10 },
      leadCount: 5,
      inWindow: Uint8Array.from([1, 1, 1, 0, 1]),
      outcomeAt: Float64Array.from([
        from + 5 * day,
        Number.NaN,
        from + 15 * day,
        from + 2 * day,
        from + 4 * day,
      ]),
      rep: Int32Array.from([0, 0, -1, 1, 1]),
      reps: [
        { id: 'r1', name: 'Ann' },
        { id: 'r2', name: 'Ben' },
      ],
      candidate,
      active,
      interestCap: 100,
      events: 42,
    });
    expect(s.leads).toBe(4);
    expect(s.baseRate).toBe(3 / 4);
    expect(s.candidate).toMatchObject({
      mqls: 3,
      converted: 3,
      truePositives: 1,
      precision: 1 / 3,
      recall: 1 / 3,
    });
    expect(s.candidate.lift).toBeCloseTo(1 / 3 / 0.75);
    expect(s.active).toMatchObject({ mqls: 2, truePositives: 2, precision: 1 });
    expect(s.mqlsPerWeek).toEqual([
      { week: '2026-03-02', candidate: 2, active: 2 },
      { week: '2026-03-09', candidate: 1, active: 0 },
      { week: '2026-03-16', candidate: 0, active: 0 },
    ]);
    expect(s.mqlsPerRep).toEqual([
      { repId: 'r1', repName: 'Ann', count: 2 },
      { repId: null, repName: 'Unassigned', count: 1 },
    ]);
    expect(s.fitGrades.map((g) => g.count)).toEqual([1, 1, 1, 0, 1]);
    expect(s.interestHistogram.find((b) => b.from === 90)?.count).toBe(1);
    expect(s.flips).toEqual({ gainedCount: 2, lostCount: 1, gained: [1, 2], lost: [4] });
  });

  it('gives null ratios instead of dividing by zero', () => {
    const none = replay([Number.NaN], [0], [4]);
    const s = summarizeBacktest({
      from,
      to,
      outcome: { stage: 'won', withinDays: 30 },
      leadCount: 1,
      inWindow: Uint8Array.from([0]),
      outcomeAt: Float64Array.from([Number.NaN]),
      rep: Int32Array.from([-1]),
      reps: [],
      candidate: none,
      active: null,
      interestCap: 100,
      events: 0,
    });
    expect(s).toMatchObject({
      leads: 0,
      baseRate: null,
      active: null,
      candidate: { precision: null, recall: null, lift: null },
    });
  });

  it('starts weeks on Monday, UTC', () => {
    expect(new Date(weekStart(Date.parse('2026-03-08T23:59:00Z'))).toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
    expect(new Date(weekStart(Date.parse('2026-03-09T00:00:00Z'))).toISOString()).toBe(
      '2026-03-09T00:00:00.000Z',
    );
  });
});

describe('fit columns', () => {
  it('give the grades evaluateFit gives, and keys ignore points', () => {
    const compiled = compileContract(exampleContract);
    const encoder = createFitEncoder(compiled);
    encoder.push({
      contact: { email: 'ada@bigco.com', title: 'VP Sales' },
      account: { industry: 'software', employees: 300, country: 'US', domain: 'bigco.com' },
    });
    encoder.push({ contact: { email: 'kid@uni.edu', title: null } });
    const fit = scoreFitColumns(compiled, encoder.finish());
    expect([...fit.points]).toEqual([70, 0]);
    expect([...fit.grade]).toEqual([0, 3]);
    expect([...fit.gate]).toEqual([2, 0]);
    const heavier = structuredClone(exampleContract);
    heavier.fit.rules[0]!.points = 99;
    heavier.interest.rules[0]!.points = 1;
    expect(fitStructureKey(heavier)).toBe(fitStructureKey(exampleContract));
    expect(interestStructureKey(heavier)).toBe(interestStructureKey(exampleContract));
    heavier.interest.rules[0]!.event = 'Other';
    expect(interestStructureKey(heavier)).not.toBe(interestStructureKey(exampleContract));
  });
});
