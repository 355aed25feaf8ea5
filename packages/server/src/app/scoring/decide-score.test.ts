import { describe, expect, it } from 'vitest';
import { exampleContract } from '../../core/scoring/example-contract.js';
import { compileContract, newInterestState, replay } from '../../core/scoring/index.js';
import type { ScoringEvent } from '../../core/scoring/types.js';
import type { ScoringEventRow } from '../../store/lead-score.repo.js';
import { decideScore } from './decide-score.js';
import { affectsInterest, leadSource, toScoringEvent } from './scoring-rows.js';

const compiled = compileContract(exampleContract);
const now = new Date('2026-03-02T10:00:00Z');
const strong = {
  contact: { email: 'ada@bigco.com', title: 'VP Sales' },
  account: { industry: 'software', employees: 300, country: 'US', domain: 'bigco.com' },
};
const weak = { contact: { email: 'ada@gmail.com', title: null } };
const track = (
  id: string,
  name: string,
  agoMs = 0,
  properties: Record<string, unknown> = {},
): ScoringEvent => ({
  id,
  type: 'track',
  name,
  timestamp: now.getTime() - agoMs,
  properties,
});

describe('decideScore', () => {
  it('qualifies a lead on a hand-raiser and names it', () => {
    const state = replay(compiled, [track('e1', 'Demo Requested')]);
    const d = decideScore({
      compiled,
      version: 3,
      stage: 'lead',
      subject: weak,
      state,
      scoredThrough: 1,
      now,
    });
    expect(d.stage).toBe('mql');
    expect(d.qualified).toEqual({ reasonCode: 'hand_raiser', note: 'Hand-raiser: Demo requested' });
    expect(d.stored).toMatchObject({ scoreVersion: 3, interestSum: 50, scoredThrough: new Date(1) });
  });

  it('qualifies on fit and interest, with both in the note', () => {
    const state = replay(compiled, [track('e1', 'Trial Started'), track('e2', 'Webinar Attended')]);
    const d = decideScore({
      compiled,
      version: 1,
      stage: 'lead',
      subject: strong,
      state,
      scoredThrough: null,
      now,
    });
    expect(d.qualified).toEqual({ reasonCode: 'fit_and_interest', note: 'fit A (70) + interest 40.00' });
  });

  it('keeps a lead below the threshold, or in any other stage, where it is', () => {
    const low = replay(compiled, [track('e1', 'Webinar Attended')]);
    expect(
      decideScore({
        compiled,
        version: 1,
        stage: 'lead',
        subject: strong,
        state: low,
        scoredThrough: null,
        now,
      }),
    ).toMatchObject({ stage: 'lead', qualified: null, mql: { qualifies: false } });
    const raised = replay(compiled, [track('e1', 'Demo Requested')]);
    for (const stage of ['mql', 'accepted', 'recycled', 'won'] as const) {
      const d = decideScore({
        compiled,
        version: 1,
        stage,
        subject: strong,
        state: raised,
        scoredThrough: null,
        now,
      });
      expect(d).toMatchObject({ stage, qualified: null });
    }
  });

  it('never qualifies an excluded lead', () => {
    const state = replay(compiled, [track('e1', 'Demo Requested')]);
    const student = { contact: { email: 'ada@uni.edu' } };
    const d = decideScore({
      compiled,
      version: 1,
      stage: 'lead',
      subject: student,
      state,
      scoredThrough: null,
      now,
    });
    expect(d).toMatchObject({ stage: 'lead', qualified: null, mql: { reason: 'excluded' } });
  });

  it('stores an empty state without a reference time', () => {
    const d = decideScore({
      compiled,
      version: 1,
      stage: 'lead',
      subject: weak,
      state: newInterestState(compiled),
      scoredThrough: null,
      now,
    });
    expect(d.stored).toMatchObject({ interestSum: 0, interestRefAt: null, scoredThrough: null });
    expect(JSON.parse(d.stored.state)).toMatchObject({ s: 0, t0: null });
  });
});

const row = (over: Partial<ScoringEventRow>): ScoringEventRow => ({
  id: 'e',
  contact_id: null,
  account_id: null,
  type: 'page',
  name: null,
  occurred_at: now,
  properties: {},
  utm_source: null,
  referrer: null,
  ...over,
});

describe('scoring rows', () => {
  it('derives a lead source from UTM, then referrer, else direct', () => {
    expect(leadSource(row({ utm_source: 'LinkedIn', referrer: 'https://x.test/' }))).toBe('linkedin');
    expect(leadSource(row({ referrer: 'https://www.Google.com/search?q=x' }))).toBe('www.google.com');
    expect(leadSource(row({ referrer: 'not a url' }))).toBe('referral');
    expect(leadSource(row({}))).toBe('direct');
    expect(leadSource(undefined)).toBe('direct');
  });

  it('skips aliases and tells which events can change interest', () => {
    expect(toScoringEvent(row({ type: 'alias' }))).toBeNull();
    const pricing = toScoringEvent(row({ properties: { path: '/pricing' } }))!;
    expect(pricing).toMatchObject({ type: 'page', timestamp: now.getTime(), path: null });
    expect(affectsInterest(compiled, pricing)).toBe(true);
    expect(affectsInterest(compiled, toScoringEvent(row({ properties: { path: '/about' } }))!)).toBe(false);
    expect(affectsInterest(compiled, track('e', 'Contact Sales', 0, { topic: 'support' }))).toBe(false);
  });
});
