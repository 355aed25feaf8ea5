import { describe, expect, it } from 'vitest';
import { attributeAll } from '../attribution/attribute.js';
import type { Touch } from '../attribution/types.js';
import { monthRange, rollUpAttribution } from './attribution-rollup.js';

const day = (d: number) => new Date(Date.UTC(2031, 0, d));
const touch = (id: string, d: number, campaignId: string | null, channel: string): Touch => ({
  id,
  at: day(d),
  campaignId,
  channel,
  kind: 'page_view',
});

describe('attribution roll-up', () => {
  it('sums credits per campaign and channel with cost and ROI', () => {
    const touches = [
      touch('a', 1, 'c1', 'webinar'),
      touch('b', 2, null, 'organic_search'),
      touch('c', 3, 'c2', 'email'),
    ];
    const open = { amountCents: 300, createdAt: day(10) };
    const won = { amountCents: 1_000, createdAt: day(10), closedAt: day(20) };
    const deals = [
      { basis: 'pipeline' as const, touches, results: attributeAll(open, touches) },
      { basis: 'revenue' as const, touches, results: attributeAll(won, touches) },
      { basis: 'revenue' as const, touches: [], results: attributeAll(won, []) },
    ];
    const costs = [
      { campaignId: 'c1', channel: 'webinar', costCents: 500 },
      { campaignId: 'c9', channel: 'webinar', costCents: 100 },
    ];
    const [first, linear] = rollUpAttribution({
      models: ['first_touch', 'linear'],
      by: 'campaign',
      deals,
      costs,
    });
    expect(first!.rows).toEqual([
      {
        key: 'c1',
        campaignId: 'c1',
        channel: 'webinar',
        pipelineCents: 300,
        revenueCents: 1_000,
        costCents: 500,
        roi: 1,
      },
      {
        key: 'c9',
        campaignId: 'c9',
        channel: 'webinar',
        pipelineCents: 0,
        revenueCents: 0,
        costCents: 100,
        roi: -1,
      },
    ]);
    expect(first!.unattributed).toEqual({ pipelineCents: 0, revenueCents: 1_000 });
    expect(linear!.rows.map((r) => [r.key, r.pipelineCents, r.revenueCents])).toEqual([
      ['c1', 100, 334],
      ['c2', 100, 333],
      ['channel:organic_search', 100, 333],
      ['c9', 0, 0],
    ]);
    const [byChannel] = rollUpAttribution({ models: ['linear'], by: 'channel', deals, costs });
    expect(byChannel!.rows.find((r) => r.key === 'webinar')).toMatchObject({
      revenueCents: 334,
      costCents: 600,
      campaignId: null,
    });
  });

  it('names the months a window touches', () => {
    expect(monthRange(new Date('2031-01-15T00:00:00Z'), new Date('2031-04-01T00:00:00Z'))).toEqual({
      first: '2031-01-01',
      last: '2031-03-01',
    });
  });
});
