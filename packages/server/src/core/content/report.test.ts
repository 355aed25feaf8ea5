import { describe, expect, it } from 'vitest';
import { type ContentFacts, contentReport } from './report.js';

const at = (iso: string) => new Date(iso);

describe('content report', () => {
  const facts: ContentFacts = {
    assets: [
      {
        id: 'a',
        title: 'Guide',
        stage: 'consideration',
        status: 'approved',
        origin: 'marketing',
        format: 'pdf',
      },
      { id: 'b', title: 'Rep deck', stage: 'decision', status: 'draft', origin: 'sales', format: 'link' },
      {
        id: 'c',
        title: 'Unused',
        stage: 'awareness',
        status: 'approved',
        origin: 'marketing',
        format: 'link',
      },
    ],
    views: [
      { assetId: 'a', viewer: 'ada@x.test', accountId: 'X', seconds: 30, downloads: 1 },
      { assetId: 'a', viewer: 'ada@x.test', accountId: 'X', seconds: 10, downloads: 0 },
      { assetId: 'a', viewer: 'bob@y.test', accountId: 'Y', seconds: 5, downloads: 0 },
    ],
    shares: [
      { assetId: 'a', repId: 'r1', repName: 'Riley' },
      { assetId: 'a', repId: 'r1', repName: 'Riley' },
      { assetId: 'a', repId: 'r2', repName: 'Jordan' },
      { assetId: 'b', repId: 'r2', repName: 'Jordan' },
    ],
    firstViews: [
      { assetId: 'a', accountId: 'X', at: at('2031-01-10T00:00:00Z') },
      { assetId: 'a', accountId: 'Y', at: at('2031-02-10T00:00:00Z') },
    ],
    opportunitiesCreated: [
      { id: 'o1', accountId: 'X', at: at('2031-01-20T00:00:00Z') },
      // Created before the account's first view: not influenced.
      { id: 'o2', accountId: 'Y', at: at('2031-02-01T00:00:00Z') },
    ],
    opportunitiesWon: [{ id: 'o2', accountId: 'Y', at: at('2031-03-01T00:00:00Z'), amountCents: 500 }],
    everUsed: new Set(['a', 'b']),
  };

  it('counts views, viewers, accounts, time and shares by rep, and influence only after a view', () => {
    const report = contentReport(facts);
    expect(report.assets[0]).toMatchObject({
      assetId: 'a',
      views: 3,
      uniqueViewers: 2,
      uniqueAccounts: 2,
      seconds: 45,
      downloads: 1,
      shares: 3,
      sharesByRep: [
        { repId: 'r1', shares: 2 },
        { repId: 'r2', shares: 1 },
      ],
      opportunitiesInfluenced: 1,
      wonDealsInfluenced: 1,
      wonAmountCents: 500,
    });
    expect(report.stages.map((s) => [s.stage, s.views, s.shares])).toEqual([
      ['awareness', 0, 0],
      ['consideration', 3, 3],
      ['decision', 0, 1],
    ]);
  });

  it('lists what reps use that marketing did not make, and what marketing made that nobody uses', () => {
    const report = contentReport(facts);
    expect(report.usedNotMade.map((a) => a.assetId)).toEqual(['b']);
    expect(report.madeNotUsed.map((a) => a.assetId)).toEqual(['c']);
  });
});
