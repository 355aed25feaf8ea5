import { describe, expect, it } from 'vitest';
import { emailConsentOf } from './consent.js';
import { gradeAtLeast, matchesAnyRule, type RuleCandidate, ruleMatches } from './enrollment-rules.js';

const lead = (over: Partial<RuleCandidate> = {}): RuleCandidate => ({
  stage: 'lead',
  stageReason: null,
  fitGrade: 'B',
  interest: 5,
  campaignIds: new Set(),
  ...over,
});

describe('enrollment rules', () => {
  it('recycled with a reason in the list', () => {
    const rule = { type: 'recycled' as const, reasons: ['no-budget'] };
    expect(ruleMatches(rule, lead({ stage: 'recycled', stageReason: 'no-budget' }))).toBe(true);
    expect(ruleMatches(rule, lead({ stage: 'recycled', stageReason: 'bad-timing' }))).toBe(false);
    expect(ruleMatches(rule, lead({ stage: 'recycled' }))).toBe(false);
    expect(ruleMatches({ type: 'recycled' }, lead({ stage: 'recycled' }))).toBe(true);
    expect(ruleMatches({ type: 'recycled' }, lead({ stage: 'lead' }))).toBe(false);
  });

  it('fit grade at least B and interest below N', () => {
    const rule = { type: 'fit_low_interest' as const, minGrade: 'B', maxInterest: 20 };
    expect(ruleMatches(rule, lead({ fitGrade: 'A' }))).toBe(true);
    expect(ruleMatches(rule, lead({ fitGrade: 'B', interest: 19.9 }))).toBe(true);
    expect(ruleMatches(rule, lead({ fitGrade: 'B', interest: 20 }))).toBe(false);
    expect(ruleMatches(rule, lead({ fitGrade: 'C' }))).toBe(false);
    expect(ruleMatches(rule, lead({ fitGrade: null }))).toBe(false);
    expect(gradeAtLeast('b', 'B')).toBe(false);
  });

  it('campaign members, and never a lead with sales or closed', () => {
    const rule = { type: 'campaign' as const, campaignId: 'c1' };
    expect(ruleMatches(rule, lead({ campaignIds: new Set(['c1']) }))).toBe(true);
    expect(ruleMatches(rule, lead({ campaignIds: new Set(['c2']) }))).toBe(false);
    for (const stage of ['mql', 'accepted', 'sql', 'opportunity', 'won', 'lost', 'disqualified'] as const)
      expect(ruleMatches(rule, lead({ stage, campaignIds: new Set(['c1']) })), stage).toBe(false);
    expect(matchesAnyRule([], lead())).toBe(false);
    expect(matchesAnyRule([{ type: 'recycled' }, rule], lead({ campaignIds: new Set(['c1']) }))).toBe(true);
  });
});

describe('emailConsentOf', () => {
  it('reads explicit answers and treats anything else as unknown', () => {
    expect(emailConsentOf({ email: { status: 'granted' } })).toBe('granted');
    expect(emailConsentOf({ email: { status: 'Withdrawn' } })).toBe('denied');
    expect(emailConsentOf({ email: false })).toBe('denied');
    expect(emailConsentOf({ email: true })).toBe('granted');
    expect(emailConsentOf({ email: { status: 'unknown' } })).toBe('unknown');
    expect(emailConsentOf({})).toBe('unknown');
    expect(emailConsentOf(null)).toBe('unknown');
  });
});
