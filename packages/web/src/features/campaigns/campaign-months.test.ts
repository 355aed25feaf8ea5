import { describe, expect, it } from 'vitest';
import { channelKey, monthRows, spentToDate } from './campaign-months.js';

const cost = (month: string, amountCents: number) => ({ month, amountCents, currency: 'USD' });

describe('monthRows', () => {
  it('lists every month the campaign runs, set or not, and costs outside that span', () => {
    const rows = monthRows(
      { startsOn: '2026-01-15', endsOn: '2026-03-02' },
      [cost('2026-02', 500), cost('2025-12', 7)],
      '2026-06-01',
    );
    expect(rows).toEqual([
      { month: '2025-12', amountCents: 7 },
      { month: '2026-01', amountCents: null },
      { month: '2026-02', amountCents: 500 },
      { month: '2026-03', amountCents: null },
    ]);
  });

  it('runs an open-ended campaign to the current month, across the year end', () => {
    const rows = monthRows({ startsOn: '2025-11-01', endsOn: null }, [], '2026-01-20');
    expect(rows.map((r) => r.month)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(monthRows({ startsOn: null, endsOn: null }, [], '2026-01-20').map((r) => r.month)).toEqual([
      '2026-01',
    ]);
    expect(monthRows({ startsOn: '2026-04-01', endsOn: null }, [], '2026-01-20').map((r) => r.month)).toEqual(
      ['2026-04'],
    );
  });

  it('spans at most 60 months', () => {
    expect(monthRows({ startsOn: '2000-01-01', endsOn: '2099-12-31' }, [], '2026-01-01')).toHaveLength(60);
  });
});

describe('spentToDate', () => {
  it('sums the months up to the current one', () => {
    expect(spentToDate([cost('2026-01', 100), cost('2026-02', 20), cost('2026-03', 3)], '2026-02-28')).toBe(
      120,
    );
  });
});

describe('channelKey', () => {
  it('turns what a person typed into a channel key the server accepts', () => {
    expect(channelKey(' Paid Search ')).toBe('paid_search');
    expect(channelKey('2024 Events!')).toBe('events');
    expect(channelKey('webinar')).toBe('webinar');
  });
});
