import { describe, expect, it } from 'vitest';
import { classifyMarketing, marketingShare } from './marketing-influence.js';
import type { Touch } from './types.js';

const at = (d: number) => new Date(Date.UTC(2025, 2, d));
const touch = (id: string, d: number, campaignId: string | null): Touch => ({
  id,
  at: at(d),
  campaignId,
  channel: campaignId ?? 'sales_call',
  kind: campaignId ? 'form_fill' : 'activity',
});
const marketing = new Set(['webinar', 'ads']);
const isMarketing = (t: Touch) => t.campaignId !== null && marketing.has(t.campaignId);

describe('classifyMarketing', () => {
  const deal = { amountCents: 5_000, leadCreatedAt: at(5), createdAt: at(10), closedAt: at(20) };

  it('is sourced when the first touch is marketing', () => {
    const touches = [touch('a', 1, 'ads'), touch('b', 5, null)];
    expect(classifyMarketing({ deal, touches, isMarketing })).toEqual({
      sourced: true,
      influenced: true,
      sourceTouchId: 'a',
    });
    // Judged by the lead-creation touch instead, the sales call sourced it; marketing still influenced.
    expect(classifyMarketing({ deal, touches, isMarketing, sourcedBy: 'lead_creation' })).toEqual({
      sourced: false,
      influenced: true,
      sourceTouchId: 'b',
    });
  });

  it('is influenced by any marketing touch before the close, not after', () => {
    const touches = [touch('a', 1, null), touch('b', 15, 'webinar'), touch('c', 25, 'ads')];
    expect(classifyMarketing({ deal, touches, isMarketing })).toMatchObject({
      sourced: false,
      influenced: true,
    });
    const late = [touch('a', 1, null), touch('c', 25, 'ads')];
    expect(classifyMarketing({ deal, touches: late, isMarketing })).toMatchObject({ influenced: false });
    // An open deal's journey ends at the opportunity's creation (10 March).
    const open = { ...deal, closedAt: null };
    expect(classifyMarketing({ deal: open, touches, isMarketing })).toMatchObject({ influenced: false });
  });

  it('falls back to the first touch when no touch precedes lead creation', () => {
    const touches = [touch('a', 7, 'ads')];
    expect(classifyMarketing({ deal, touches, isMarketing, sourcedBy: 'lead_creation' })).toMatchObject({
      sourced: true,
      sourceTouchId: 'a',
    });
    expect(classifyMarketing({ deal, touches: [], isMarketing })).toEqual({
      sourced: false,
      influenced: false,
      sourceTouchId: null,
    });
  });
});

describe('marketingShare', () => {
  it('sums sourced and influenced amounts', () => {
    const c = (sourced: boolean, influenced: boolean) => ({ sourced, influenced, sourceTouchId: null });
    expect(
      marketingShare([
        { amountCents: 600, classification: c(true, true) },
        { amountCents: 300, classification: c(false, true) },
        { amountCents: 100, classification: c(false, false) },
      ]),
    ).toEqual({
      totalCents: 1000,
      sourcedCents: 600,
      influencedCents: 900,
      sourcedShare: 0.6,
      influencedShare: 0.9,
    });
    expect(marketingShare([]).sourcedShare).toBeNull();
  });
});
