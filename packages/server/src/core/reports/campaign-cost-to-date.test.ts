import { describe, expect, it } from 'vitest';
import { costToDateCents } from './campaign-cost-to-date.js';

describe('costToDateCents', () => {
  it('sums the monthly costs up to and including the current month', () => {
    const costs = [
      { month: '2031-01-01', amountCents: 100 },
      { month: '2031-03-01', amountCents: 20 },
      { month: '2031-04-01', amountCents: 3 },
    ];
    expect(costToDateCents({ startsOn: null, costCents: 9_999 }, costs, '2031-03-31')).toBe(120);
    expect(costToDateCents({ startsOn: null, costCents: 9_999 }, costs, '2030-12-31')).toBe(0);
  });

  it('counts the fixed cost of a campaign without monthly costs once it has started', () => {
    expect(costToDateCents({ startsOn: '2031-03-02', costCents: 500 }, [], '2031-03-01')).toBe(0);
    expect(costToDateCents({ startsOn: '2031-03-01', costCents: 500 }, [], '2031-03-01')).toBe(500);
    expect(costToDateCents({ startsOn: null, costCents: 500 }, [], '2031-03-01')).toBe(500);
  });
});
