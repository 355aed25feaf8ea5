import type { InterestRule, LeadContract } from '@tandem/contracts';
import { validateContract } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { compileContract } from './compile-contract.js';
import { exampleContract } from './example-contract.js';
import {
  applyEvent,
  applyEventInPlace,
  type InterestState,
  interestAt,
  newInterestState,
  replay,
} from './interest-state.js';
import { interestStateFromJson, interestStateToJson } from './interest-state-json.js';
import type { ScoringEvent } from './types.js';

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.UTC(2025, 0, 6);

function compiledWith(rules: InterestRule[], interest: Partial<LeadContract['interest']> = {}) {
  const contract = structuredClone(exampleContract);
  contract.interest = { halfLifeDays: 10, totalCap: 100, rules, ...interest };
  contract.mql.handRaisers = rules.some((r) => r.id === 'demo') ? ['demo'] : [];
  contract.mql.minInterest = Math.min(contract.mql.minInterest, contract.interest.totalCap);
  const checked = validateContract(contract);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return compileContract(checked.contract);
}

let sequence = 0;
function track(name: string, at: number, properties: Record<string, unknown> = {}): ScoringEvent {
  return { id: `e${String(++sequence).padStart(6, '0')}`, type: 'track', name, timestamp: at, properties };
}
function page(path: string, at: number): ScoringEvent {
  return { id: `e${String(++sequence).padStart(6, '0')}`, type: 'page', timestamp: at, path };
}

function run(compiled: ReturnType<typeof compileContract>, events: ScoringEvent[]): InterestState {
  let state = newInterestState(compiled);
  for (const event of events) state = applyEvent(compiled, state, event).state;
  return state;
}

describe('interest decay', () => {
  const compiled = compiledWith([{ id: 'web', type: 'track', event: 'Webinar', points: 40 }]);

  it('halves every half-life and never grows without an event', () => {
    const state = run(compiled, [track('Webinar', start)]);
    expect(interestAt(compiled, state, start)).toBe(40);
    expect(interestAt(compiled, state, start + 10 * day)).toBeCloseTo(20, 12);
    expect(interestAt(compiled, state, start + 20 * day)).toBeCloseTo(10, 12);
    expect(interestAt(compiled, state, start - day)).toBe(40);
  });

  it('adds a new event to the decayed value and rebases the reference time', () => {
    const state = run(compiled, [track('Webinar', start), track('Webinar', start + 10 * day)]);
    expect(state.t0).toBe(start + 10 * day);
    expect(state.s).toBeCloseTo(60, 12);
  });

  it('matches event names ignoring case, and nothing else', () => {
    const state = run(compiled, [track('webinar', start), track('WEBINAR', start), track('Webinars', start)]);
    expect(state.s).toBe(80);
  });
});

describe('caps', () => {
  it('applies a once-per-day rule at most once in any rolling 24 hours', () => {
    const compiled = compiledWith([
      { id: 'pricing', type: 'page', path: '/pricing*', points: 10, cap: { count: 1, per: 'day' } },
    ]);
    let state = newInterestState(compiled);
    const capped: boolean[] = [];
    for (const at of [0, hour, 23 * hour, day, day + hour, 2 * day + 1]) {
      const result = applyEvent(compiled, state, page('/pricing', start + at));
      state = result.state;
      capped.push(result.outcome.rules[0]!.cappedByFrequency);
    }
    expect(capped).toEqual([false, true, true, false, true, false]);
  });

  it('allows count applications per window, and once ever means once', () => {
    const compiled = compiledWith([
      { id: 'docs', type: 'page', path: '/docs/*', points: 1, cap: { count: 3, per: 'hour' } },
      { id: 'trial', type: 'track', event: 'Trial Started', points: 5, cap: { count: 1, per: 'ever' } },
    ]);
    const docs = Array.from({ length: 5 }, (_, i) => page(`/docs/${i}`, start + i * 60_000));
    const later = page('/docs/again', start + hour + 60_000);
    const trials = [track('Trial Started', start), track('Trial Started', start + 400 * day)];
    const state = replay(compiled, [...docs, later, ...trials]);
    // 3 docs pages, then one more an hour after the second; the second trial is capped.
    expect(interestStateToJson(state).ring.filter((t) => t !== null)).toHaveLength(4);
    expect(applyEvent(compiled, state, trials[1]!).outcome.rules[0]?.cappedByFrequency).toBe(true);
  });

  it('clamps interest to the total cap and records the clamp', () => {
    const compiled = compiledWith([{ id: 'demo', type: 'track', event: 'Demo', points: 70 }], {
      totalCap: 100,
    });
    const first = applyEvent(compiled, newInterestState(compiled), track('Demo', start));
    const second = applyEvent(compiled, first.state, track('Demo', start + hour));
    expect(second.state.s).toBe(100);
    expect(second.outcome.rules[0]).toMatchObject({
      points: 70,
      clampedByTotal: true,
      cappedByFrequency: false,
    });
    expect(second.outcome.rules[0]!.applied).toBeCloseTo(
      100 - interestAt(compiled, first.state, start + hour),
      12,
    );
  });

  it('lets negative points lower interest but never below zero', () => {
    const compiled = compiledWith([
      { id: 'web', type: 'track', event: 'Webinar', points: 15 },
      { id: 'careers', type: 'page', path: '/careers*', points: -10 },
    ]);
    const state = run(compiled, [
      track('Webinar', start),
      page('/careers', start),
      page('/careers/x', start),
    ]);
    expect(state.s).toBe(0);
    const outcome = applyEvent(compiled, state, page('/careers', start)).outcome;
    expect(outcome.rules[0]).toMatchObject({ applied: 0, clampedByTotal: true });
  });
});

describe('events', () => {
  it('checks property conditions and applies every matching rule in contract order', () => {
    const compiled = compileContract(exampleContract);
    const inquiry = applyEvent(
      compiled,
      newInterestState(compiled),
      track('Contact Sales', start, { topic: 'Pricing' }),
    );
    expect(inquiry.outcome.rules.map((r) => r.ruleId)).toEqual(['pricing-inquiry']);
    expect(inquiry.state.handRaisedAt).toBe(start);
    expect(inquiry.state.handRaiser).toBe('pricing-inquiry');
    const support = applyEvent(
      compiled,
      newInterestState(compiled),
      track('Contact Sales', start, { topic: 'bug' }),
    );
    expect(support.outcome.rules).toEqual([]);
  });

  it('records when interest first reaches the MQL minimum', () => {
    const compiled = compileContract(exampleContract);
    const events = [0, 1, 2, 3].map((i) => track('Webinar Attended', start + i * day));
    const state = replay(compiled, events);
    expect(state.thresholdAt).toBe(start + 2 * day);
  });

  it('leaves the given state untouched and flags late events', () => {
    const compiled = compileContract(exampleContract);
    const state = run(compiled, [track('Webinar Attended', start + day)]);
    const snapshot = interestStateToJson(state);
    const late = applyEvent(compiled, state, track('Webinar Attended', start));
    expect(interestStateToJson(state)).toEqual(snapshot);
    expect(late.outcome.late).toBe(true);
    expect(late.state.s).toBeCloseTo(15 + 15 * 2 ** (-1 / 30), 12);
  });

  it('allocates nothing for events no rule cares about', () => {
    const compiled = compileContract(exampleContract);
    const state = newInterestState(compiled);
    expect(applyEvent(compiled, state, track('Logged In', start)).state).toBe(state);
    expect(applyEventInPlace(compiled, state, { id: 'x', type: 'identify', timestamp: start })).toBe(0);
  });
});

describe('stored state', () => {
  it('round-trips through JSON and refuses a contract with other caps', () => {
    const compiled = compileContract(exampleContract);
    const state = run(compiled, [page('/pricing', start), track('Demo Requested', start + hour)]);
    const json = JSON.parse(JSON.stringify(interestStateToJson(state)));
    expect(interestStateFromJson(compiled, json)).toEqual(state);
    const other = compiledWith([{ id: 'web', type: 'track', event: 'Webinar', points: 1 }]);
    expect(interestStateFromJson(other, json)).toBeNull();
  });
});
