import { describe, expect, it } from 'vitest';
import { creditTable } from './deal-credits.js';
import type { DealAttribution } from './opportunities-api.js';

const touch = (id: string, credits: Record<string, number>) => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  source: 'event',
  kind: 'page_view',
  channel: 'web',
  campaign: null,
  contactId: null,
  credits,
});

const deal = (unattributed: Record<string, number>): DealAttribution => ({
  opportunity: { id: 'o', name: 'Deal', amountCents: 100, currency: 'USD', status: 'open' },
  basis: 'pipeline',
  conversionAt: '2026-02-01T00:00:00.000Z',
  models: ['first_touch', 'linear'],
  touches: [touch('t1', { first_touch: 100, linear: 34 }), touch('t2', { first_touch: 0, linear: 33 })],
  unattributed,
  totals: { first_touch: 100, linear: 100 },
});

describe('creditTable', () => {
  it('puts models side by side with a total row equal to the amount', () => {
    const table = creditTable(deal({ first_touch: 0, linear: 33 }), (t) => t.id);
    expect(table.rows.map((r) => r.cents)).toEqual([
      [100, 34],
      [0, 33],
    ]);
    expect(table.unattributed?.cents).toEqual([0, 33]);
    expect(table.total.cents).toEqual([100, 100]);
    expect(table.balanced).toBe(true);
  });

  it('leaves out an empty unattributed row and says when a total is off', () => {
    const table = creditTable(deal({ first_touch: 0, linear: 0 }), (t) => t.id);
    expect(table.unattributed).toBeNull();
    expect(table.total.cents).toEqual([100, 67]);
    expect(table.balanced).toBe(false);
  });
});
