import { describe, expect, it } from 'vitest';
import {
  centsText,
  decayText,
  explanationTotals,
  hitNote,
  hitsNewestFirst,
  pointsText,
} from './explanation.js';
import type { InterestHit, ScoreExplanation } from './lead-api.js';

const hit = (at: string, cents: number, extra: Partial<InterestHit> = {}): InterestHit => ({
  event: { id: at, at, type: 'page', name: null },
  ruleId: 'pricing-page',
  label: 'Pricing page',
  points: 10,
  applied: 10,
  cappedByFrequency: false,
  clampedByTotal: false,
  handRaiser: false,
  decay: 0.5,
  contribution: cents / 100,
  contributionCents: cents,
  ...extra,
});

const explanation = (over: Partial<ScoreExplanation> = {}): ScoreExplanation => ({
  leadId: 'l',
  stage: 'lead',
  contractVersion: 1,
  now: '2026-03-01T00:00:00.000Z',
  stored: {
    scoreVersion: 1,
    fitPoints: 35,
    fitGrade: 'C',
    interest: 7.5,
    interestCents: 750,
    scoredThrough: null,
  },
  fit: {
    points: 35,
    grade: 'C',
    hits: [
      { ruleId: 'a', label: 'A', points: 20, field: 'contact.title', value: 'VP' },
      { ruleId: 'b', label: 'B', points: 15, field: 'account.industry', value: 'software' },
    ],
  },
  exclusions: [],
  interest: {
    value: 7.5,
    totalCents: 750,
    halfLifeDays: 30,
    totalCap: 150,
    events: 2,
    thresholdAt: null,
    handRaisedAt: null,
    hits: [hit('2026-01-01T00:00:00.000Z', 250), hit('2026-02-01T00:00:00.000Z', 500)],
  },
  mql: { qualifies: false, reason: 'below', missing: 'needs +33 interest', gap: null, excludedBy: [] },
  ...over,
});

describe('score explanation', () => {
  it('writes cents, points and decay for people', () => {
    expect(centsText(4120)).toBe('41.20');
    expect(centsText(5)).toBe('0.05');
    expect(centsText(-250)).toBe('−2.50');
    expect(pointsText(20)).toBe('+20');
    expect(pointsText(-15)).toBe('−15');
    expect(pointsText(0)).toBe('0');
    expect(decayText(0.5)).toBe('50%');
    expect(decayText(0.0123)).toBe('1.2%');
  });

  it('adds up and agrees with the stored score', () => {
    const totals = explanationTotals(explanation());
    expect(totals).toMatchObject({ fitSum: 35, interestSumCents: 750, storedCents: 750, consistent: true });
  });

  it('notices when the stored score lags the explanation', () => {
    const x = explanation();
    const lagging = { ...x, stored: { ...x.stored, interestCents: 700 } };
    expect(explanationTotals(lagging).consistent).toBe(false);
  });

  it('says why a hit counted less than its points', () => {
    expect(hitNote(hit('t', 0, { cappedByFrequency: true, applied: 0 }))).toMatch(/capped/);
    expect(hitNote(hit('t', 0, { clampedByTotal: true, applied: 4 }))).toBe(
      'clamped to the total cap (+4 of +10)',
    );
    expect(hitNote(hit('t', 0, { points: -10, clampedByTotal: true, applied: -3 }))).toBe(
      'interest never goes below zero (−3 of −10)',
    );
    expect(hitNote(hit('t', 0))).toBeNull();
  });

  it('lists hits newest first', () => {
    const hits = hitsNewestFirst(explanation().interest.hits);
    expect(hits.map((h) => h.event.at)).toEqual(['2026-02-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
  });
});
