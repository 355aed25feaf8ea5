import { type InterestRule, type LeadContract, validateContract } from '@tandem/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEvents, firstMqlAt, type MqlGate, scoreColumnar } from './columnar.js';
import { compileContract } from './compile-contract.js';
import { exampleContract } from './example-contract.js';
import { explainLead } from './explain-lead.js';
import { applyEvent, compareEvents, interestAt, newInterestState, replay } from './interest-state.js';
import { interestStateToJson } from './interest-state-json.js';
import type { CompiledContract, ScoringEvent } from './types.js';

const start = Date.UTC(2025, 0, 1);
const minute = 60_000;
const horizon = 90 * 24 * 60; // minutes

const cents = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((c) => c / 100);

const ruleArb: fc.Arbitrary<Omit<InterestRule, 'id'>> = fc.record(
  {
    type: fc.constantFrom('track', 'page', 'identify') as fc.Arbitrary<InterestRule['type']>,
    event: fc.option(fc.constantFrom('Signup', 'Webinar', 'Download'), { nil: undefined }),
    path: fc.option(fc.constantFrom('/pricing*', '/docs/*', '*blog*'), { nil: undefined }),
    properties: fc.option(fc.constant([{ property: 'level', op: 'gte' as const, value: 3 }]), {
      nil: undefined,
    }),
    points: cents(-40, 60),
    cap: fc.option(
      fc.record({
        count: fc.integer({ min: 1, max: 3 }),
        per: fc.constantFrom('hour', 'day', 'week', 'ever'),
      }),
      { nil: undefined },
    ) as fc.Arbitrary<InterestRule['cap']>,
  },
  { requiredKeys: ['type', 'points'] },
);

/** Random but valid contracts: names, paths and properties only where their event type allows. */
const contractArb: fc.Arbitrary<LeadContract> = fc
  .record({
    rules: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
    halfLifeDays: cents(0.5, 60),
    totalCap: cents(10, 200),
    minShare: fc.double({ min: 0, max: 1, noNaN: true }),
    raisers: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ rules, halfLifeDays, totalCap, minShare, raisers }) => {
    const contract: LeadContract = structuredClone(exampleContract);
    contract.interest = {
      halfLifeDays,
      totalCap,
      rules: rules.map((rule, i) => {
        const clean: InterestRule = { ...rule, id: `r${i}` };
        if (clean.type === 'identify') delete clean.event;
        if (clean.type !== 'page') delete clean.path;
        return clean;
      }),
    };
    contract.mql.minInterest = Math.round(minShare * totalCap * 100) / 100;
    contract.mql.handRaisers = contract.interest.rules.filter((_, i) => raisers[i]).map((r) => r.id);
    const checked = validateContract(contract);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.contract;
  });

const eventArb: fc.Arbitrary<ScoringEvent> = fc
  .record({
    id: fc.integer({ min: 0, max: 9999 }),
    type: fc.constantFrom('track', 'page', 'identify') as fc.Arbitrary<ScoringEvent['type']>,
    name: fc.constantFrom('Signup', 'signup', 'Webinar', 'Download', 'Other'),
    path: fc.constantFrom('/pricing', '/pricing/teams', '/docs/a', '/blog/x', '/'),
    // Coarse times make ties (same millisecond) common, so the id tiebreak is exercised.
    minuteOf: fc.oneof(
      fc.integer({ min: 0, max: horizon }),
      fc.integer({ min: 0, max: 20 }).map((m) => m * 60),
    ),
    level: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ id, type, name, path, minuteOf, level }) => ({
    id: `ev-${String(id).padStart(4, '0')}`,
    type,
    name: type === 'identify' ? null : name,
    path: type === 'page' ? path : null,
    timestamp: start + minuteOf * minute,
    properties: { level },
  }));

const eventsArb = fc.uniqueArray(eventArb, { maxLength: 60, selector: (e) => e.id });

/** Live scoring: events applied one at a time, in arrival order sorted by (time, id). */
function live(compiled: CompiledContract, events: readonly ScoringEvent[]) {
  let state = newInterestState(compiled);
  for (const event of [...events].sort(compareEvents)) state = applyEvent(compiled, state, event).state;
  return state;
}

const runs = { numRuns: 200 };

describe('scoring properties', () => {
  it('decayed interest never increases without an event', () => {
    fc.assert(
      fc.property(
        contractArb,
        eventsArb,
        fc.array(fc.integer({ min: -10, max: horizon * 2 }), { minLength: 2, maxLength: 10 }),
        (contract, events, minutes) => {
          const compiled = compileContract(contract);
          const state = live(compiled, events);
          const times = minutes.map((m) => start + m * minute).sort((a, b) => a - b);
          for (let i = 1; i < times.length; i++) {
            expect(interestAt(compiled, state, times[i]!)).toBeLessThanOrEqual(
              interestAt(compiled, state, times[i - 1]!),
            );
          }
          expect(state.s).toBeGreaterThanOrEqual(0);
          expect(state.s).toBeLessThanOrEqual(compiled.totalCap);
        },
      ),
      runs,
    );
  });

  it('replaying events, in any input order, reproduces the live state exactly', () => {
    fc.assert(
      fc.property(contractArb, eventsArb, fc.infiniteStream(fc.nat()), (contract, events, noise) => {
        const compiled = compileContract(contract);
        const shuffled = events
          .map((event) => ({ event, key: noise.next().value }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.event);
        expect(interestStateToJson(replay(compiled, shuffled))).toStrictEqual(
          interestStateToJson(live(compiled, events)),
        );
      }),
      runs,
    );
  });

  it('explanation totals equal the live score', () => {
    fc.assert(
      fc.property(
        contractArb,
        eventsArb,
        fc.integer({ min: 0, max: horizon * 2 }),
        (contract, events, at) => {
          const compiled = compileContract(contract);
          const now = start + at * minute;
          const explanation = explainLead(compiled, { contact: {} }, events, now);
          const value = interestAt(
            compiled,
            live(
              compiled,
              events.filter((e) => e.timestamp <= now),
            ),
            now,
          );
          expect(explanation.interest.value).toBe(value);
          expect(explanation.interest.totalCents).toBe(Math.round(value * 100));
          const hits = explanation.interest.hits;
          expect(hits.reduce((sum, h) => sum + h.contributionCents, 0)).toBe(explanation.interest.totalCents);
          expect(Math.abs(hits.reduce((sum, h) => sum + h.contribution, 0) - value)).toBeLessThan(1e-6);
        },
      ),
      runs,
    );
  });

  it('the columnar backtest agrees exactly with replay, lead by lead', () => {
    const leadsArb = fc.array(fc.record({ events: eventsArb, gate: fc.constantFrom<MqlGate>(0, 1, 2) }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(contractArb, leadsArb, fc.integer({ min: 0, max: horizon * 2 }), (contract, leads, at) => {
        const compiled = compileContract(contract);
        const now = start + at * minute;
        const rows = leads.flatMap((lead, index) => lead.events.map((event) => ({ lead: index, event })));
        const columns = encodeEvents(compiled, rows);
        const gate = Uint8Array.from(leads, (lead) => lead.gate);
        const scores = scoreColumnar(compiled, columns, leads.length, now, { gate });
        leads.forEach((lead, l) => {
          const state = replay(compiled, lead.events);
          expect(scores.s[l]).toBe(state.s);
          expect(scores.t0[l]).toBe(state.t0);
          expect(scores.interest[l]).toBe(interestAt(compiled, state, now));
          expect(scores.thresholdAt[l]).toBe(state.thresholdAt ?? Number.NaN);
          expect(scores.handRaisedAt[l]).toBe(state.handRaisedAt ?? Number.NaN);
          const raiser = scores.handRaiser[l]!;
          expect(raiser === -1 ? null : compiled.interestRules[raiser]!.id).toBe(state.handRaiser);
          expect(scores.mqlAt![l]).toBe(firstMqlAt(state, lead.gate));
        });
      }),
      runs,
    );
  });
});
