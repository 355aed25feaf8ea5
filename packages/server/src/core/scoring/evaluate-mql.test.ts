import { describe, expect, it } from 'vitest';
import { compileContract } from './compile-contract.js';
import { evaluateMql } from './evaluate-mql.js';
import { exampleContract } from './example-contract.js';

// Example contract: grade B needs 40 fit points, MQL needs grade B and 40 interest.
const compiled = compileContract(exampleContract);
const handRaisers = 'or a hand-raiser: Demo requested, Pricing inquiry';

describe('evaluateMql', () => {
  it('qualifies on grade and interest together', () => {
    expect(
      evaluateMql(compiled, {
        fit: { points: 45, grade: 'B' },
        interestNow: 40,
        handRaised: null,
        excluded: [],
      }),
    ).toEqual({ qualifies: true, reason: 'fit_and_interest', missing: null, gap: null, excludedBy: [] });
    expect(
      evaluateMql(compiled, {
        fit: { points: 70, grade: 'A' },
        interestNow: 90,
        handRaised: null,
        excluded: [],
      }).qualifies,
    ).toBe(true);
  });

  it('says what is missing, rounded up to the cent', () => {
    const short = evaluateMql(compiled, {
      fit: { points: 45, grade: 'B' },
      interestNow: 32,
      handRaised: null,
      excluded: [],
    });
    expect(short).toMatchObject({ qualifies: false, reason: 'below_threshold' });
    expect(short.missing).toBe(`needs +8 interest, ${handRaisers}`);
    const both = evaluateMql(compiled, {
      fit: { points: 27.5, grade: 'C' },
      interestNow: 39.996,
      handRaised: null,
      excluded: [],
    });
    expect(both.missing).toBe(`needs +0.01 interest and grade B (+12.50 fit), ${handRaisers}`);
    expect(both.gap).toEqual({
      interest: 0.01,
      grade: 'B',
      fitPoints: 12.5,
      handRaisers: ['Demo requested', 'Pricing inquiry'],
    });
    const ungraded = evaluateMql(compiled, {
      fit: { points: -5, grade: null },
      interestNow: 80,
      handRaised: null,
      excluded: [],
    });
    expect(ungraded.missing).toBe(`needs grade B (+45 fit), ${handRaisers}`);
  });

  it('qualifies a hand-raiser at once, whatever the grade', () => {
    expect(
      evaluateMql(compiled, {
        fit: { points: 0, grade: 'D' },
        interestNow: 0,
        handRaised: 'demo-request',
        excluded: [],
      }),
    ).toMatchObject({ qualifies: true, reason: 'hand_raiser' });
  });

  it('never qualifies an excluded lead, hand-raiser or not', () => {
    expect(
      evaluateMql(compiled, {
        fit: { points: 90, grade: 'A' },
        interestNow: 150,
        handRaised: 'demo-request',
        excluded: ['Competitor'],
      }),
    ).toEqual({ qualifies: false, reason: 'excluded', missing: null, gap: null, excludedBy: ['Competitor'] });
  });
});
