import { describe, expect, it } from 'vitest';
import { createColumnEncoder, encodeEvents, mqlGate, scoreColumnar } from './columnar.js';
import { compileContract } from './compile-contract.js';
import { evaluateExclusions, evaluateFit } from './evaluate-fit.js';
import { exampleContract } from './example-contract.js';
import type { ScoringEvent, ScoringSubject } from './types.js';

const day = 86_400_000;
const start = Date.UTC(2025, 5, 2);
const compiled = compileContract(exampleContract);

const subjects: ScoringSubject[] = [
  // A: VP at a mid-size software company in the US.
  {
    contact: { email: 'ann@acme.com', title: 'VP Sales' },
    account: { industry: 'software', employees: 200, country: 'US', domain: 'acme.com' },
  },
  // No grade: free-mail address, tiny company.
  { contact: { email: 'bob@gmail.com' }, account: { employees: 3 } },
  // A competitor.
  { contact: { email: 'cy@rivalytics.com', title: 'CEO' }, account: { domain: 'rivalytics.com' } },
];
const track = (id: string, name: string, at: number): ScoringEvent => ({
  id,
  type: 'track',
  name,
  timestamp: at,
});

describe('columnar backtest', () => {
  it('finds each lead’s first MQL time under its fit gate', () => {
    const rows = [
      ...[0, 1, 2, 3].map((d) => ({ lead: 0, event: track(`a${d}`, 'Webinar Attended', start + d * day) })),
      { lead: 1, event: track('b1', 'Webinar Attended', start) },
      { lead: 1, event: track('b2', 'Demo Requested', start + 5 * day) },
      { lead: 2, event: track('c1', 'Demo Requested', start) },
      { lead: 2, event: track('c2', 'Logged In', start) },
    ];
    const columns = encodeEvents(compiled, rows);
    expect(columns.length).toBe(7); // "Logged In" matches no rule and is not stored
    const gate = Uint8Array.from(subjects, (subject) =>
      mqlGate(compiled, evaluateFit(compiled, subject).grade, evaluateExclusions(compiled, subject)),
    );
    expect([...gate]).toEqual([2, 1, 0]);
    const scores = scoreColumnar(compiled, columns, 3, start + 10 * day, { gate });
    // Lead 0 reaches 40 interest on its third webinar; lead 1 only by raising its hand.
    expect([...scores.mqlAt!]).toEqual([start + 2 * day, start + 5 * day, Number.NaN]);
    expect(scores.handRaiser[1]).toBe(compiled.interestRuleIndex.get('demo-request'));
    expect(scores.interest[2]).toBeCloseTo(50 * 2 ** (-10 / 30), 12);
  });

  it('refuses columns encoded for another rule set', () => {
    const other = compileContract({
      ...exampleContract,
      interest: { ...exampleContract.interest, rules: exampleContract.interest.rules.slice(0, 3) },
      mql: { ...exampleContract.mql, handRaisers: [] },
    });
    const columns = createColumnEncoder(other).finish();
    expect(() => scoreColumnar(compiled, columns, 1, start)).toThrow(RangeError);
  });
});
