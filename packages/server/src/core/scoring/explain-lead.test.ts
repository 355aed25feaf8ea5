import { describe, expect, it } from 'vitest';
import { compileContract } from './compile-contract.js';
import { exampleContract } from './example-contract.js';
import { explainLead } from './explain-lead.js';
import { interestAt, replay } from './interest-state.js';
import type { ScoringEvent, ScoringSubject } from './types.js';

const day = 86_400_000;
const start = Date.UTC(2025, 2, 3, 9);
const compiled = compileContract(exampleContract);
const subject: ScoringSubject = {
  contact: { email: 'lee@northwind.com', title: 'Head of Data' },
  account: { industry: 'software', employees: 300, country: 'US', domain: 'northwind.com' },
};
const events: ScoringEvent[] = [
  { id: 'e1', type: 'page', timestamp: start, path: '/pricing' },
  { id: 'e2', type: 'page', timestamp: start + 3_600_000, path: '/pricing/teams' },
  { id: 'e3', type: 'track', name: 'Webinar Attended', timestamp: start + 2 * day },
  { id: 'e4', type: 'page', timestamp: start + 3 * day, path: '/careers' },
  { id: 'e5', type: 'track', name: 'Demo Requested', timestamp: start + 40 * day },
];

describe('explainLead', () => {
  it('explains fit and interest separately, hit by hit', () => {
    const now = start + 10 * day;
    const explanation = explainLead(compiled, subject, events, now);
    expect(explanation.fit).toMatchObject({ points: 10 + 15 + 20 + 10 + 5, grade: 'A' });
    expect(explanation.interest.events).toBe(4);
    expect(explanation.interest.hits.map((h) => [h.eventId, h.ruleId, h.cappedByFrequency])).toEqual([
      ['e1', 'pricing-page', false],
      ['e2', 'pricing-page', true],
      ['e3', 'webinar', false],
      ['e4', 'careers-page', false],
    ]);
    const [first, capped] = explanation.interest.hits;
    expect(first).toMatchObject({
      at: start,
      points: 10,
      applied: 10,
      label: 'Pricing page',
      eventType: 'page',
    });
    expect(first!.decay).toBeCloseTo(2 ** (-10 / 30), 12);
    expect(first!.contribution).toBeCloseTo(10 * 2 ** (-10 / 30), 12);
    expect(capped).toMatchObject({ applied: 0, contribution: 0, contributionCents: 0 });
  });

  it('totals equal the live score to the cent and say what is missing', () => {
    const now = start + 10 * day;
    const explanation = explainLead(compiled, subject, events, now);
    const live = interestAt(compiled, replay(compiled, events.slice(0, 4)), now);
    expect(explanation.interest.value).toBe(live);
    expect(explanation.interest.totalCents).toBe(Math.round(live * 100));
    expect(explanation.interest.hits.reduce((sum, h) => sum + h.contributionCents, 0)).toBe(
      explanation.interest.totalCents,
    );
    expect(explanation.mql.qualifies).toBe(false);
    expect(explanation.mql.missing).toMatch(/^needs \+\d+(\.\d\d)? interest, or a hand-raiser/);
  });

  it('ignores events after now and reports a hand-raise', () => {
    const later = explainLead(compiled, subject, events, start + 41 * day);
    expect(later.interest.handRaisedAt).toBe(start + 40 * day);
    expect(later.mql).toMatchObject({ qualifies: true, reason: 'hand_raiser' });
  });
});
