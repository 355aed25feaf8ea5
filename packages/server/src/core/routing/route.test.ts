import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { route } from './route.js';
import {
  emptyRoutingState,
  type RoutingLead,
  type RoutingRep,
  type RoutingRule,
  type RoutingState,
} from './types.js';
import { validateRoutingRules } from './validate-rules.js';

const lead = (patch: Partial<RoutingLead> = {}): RoutingLead => ({
  accountId: null,
  accountDomain: null,
  accountOwnerId: null,
  country: null,
  region: null,
  employees: null,
  ...patch,
});
const rep = (id: string, patch: Partial<RoutingRep> = {}): RoutingRep => ({
  id,
  teamId: 'team',
  active: true,
  outOfOffice: false,
  capacity: null,
  ...patch,
});
const teamRule = (strategy: 'round_robin' | 'weighted' = 'round_robin'): RoutingRule => ({
  id: 'all',
  kind: 'catch_all',
  target: { kind: 'team', teamId: 'team', strategy },
});

/** Routes `n` identical leads one after another, carrying the state. */
function routeMany(
  n: number,
  rules: RoutingRule[],
  reps: RoutingRep[],
  state: RoutingState = emptyRoutingState,
) {
  const counts = new Map<string, number>();
  let unassigned = 0;
  for (let i = 0; i < n; i++) {
    const decision = route(lead(), rules, reps, state);
    state = decision.next;
    if (decision.assignee === null) unassigned++;
    else counts.set(decision.assignee, (counts.get(decision.assignee) ?? 0) + 1);
  }
  return { counts, unassigned, state };
}

const repsArb = fc
  .array(
    fc.record({
      outOfOffice: fc.boolean(),
      active: fc.boolean(),
      weight: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((flags) => flags.map((f, i) => rep(`rep-${i}`, f)));

describe('round robin', () => {
  it('gives every eligible rep ⌊N/k⌋ or ⌈N/k⌉ leads and nobody else any, from any starting turn', () => {
    fc.assert(
      fc.property(repsArb, fc.integer({ min: 1, max: 200 }), fc.nat(10), (reps, n, startAfter) => {
        const state: RoutingState = { ...emptyRoutingState, cursors: { 'team:team': `rep-${startAfter}` } };
        const { counts, unassigned } = routeMany(n, [teamRule()], reps, state);
        const eligible = reps.filter((r) => r.active && !r.outOfOffice);
        if (eligible.length === 0) {
          expect(unassigned).toBe(n);
          return;
        }
        for (const r of reps) {
          const got = counts.get(r.id) ?? 0;
          if (!eligible.includes(r)) expect(got).toBe(0);
          else expect([Math.floor(n / eligible.length), Math.ceil(n / eligible.length)]).toContain(got);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the turn when a rep joins or leaves the team', () => {
    const reps = [rep('a'), rep('b'), rep('c')];
    const first = route(lead(), [teamRule()], reps, emptyRoutingState);
    expect(first.assignee).toBe('a');
    // 'a' leaves; the turn continues after 'a' rather than restarting.
    const second = route(lead(), [teamRule()], [rep('b'), rep('c')], first.next);
    expect(second.assignee).toBe('b');
    const third = route(lead(), [teamRule()], [rep('aa'), rep('b'), rep('c')], second.next);
    expect(third.assignee).toBe('c');
  });
});

describe('capacity caps and out of office', () => {
  it('never gives a rep more than their cap, and leaves a lead unassigned only when every rep is full', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ capacity: fc.option(fc.nat(6), { nil: null }), load: fc.nat(6) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('round_robin' as const, 'weighted' as const),
        (specs, n, strategy) => {
          const reps = specs.map((s, i) => rep(`rep-${i}`, { capacity: s.capacity }));
          const load = Object.fromEntries(specs.map((s, i) => [`rep-${i}`, s.load]));
          let state: RoutingState = { ...emptyRoutingState, load };
          for (let i = 0; i < n; i++) {
            const decision = route(lead(), [teamRule(strategy)], reps, state);
            if (decision.assignee === null) {
              for (const r of reps)
                expect(r.capacity !== null && (state.load[r.id] ?? 0) >= r.capacity).toBe(true);
            } else {
              const r = reps.find((x) => x.id === decision.assignee)!;
              expect(r.capacity === null || (state.load[r.id] ?? 0) < r.capacity).toBe(true);
            }
            state = decision.next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips out-of-office, inactive and excluded reps and says so', () => {
    const reps = [rep('a', { outOfOffice: true }), rep('b', { active: false }), rep('c'), rep('d')];
    const decision = route(lead({ excludeUserIds: ['c'] }), [teamRule()], reps, emptyRoutingState);
    expect(decision.assignee).toBe('d');
    expect(decision.explanation).toEqual([
      'rule all (catch_all): catches every lead',
      '  skipped a: out of office',
      '  skipped b: inactive',
      '  skipped c: excluded (the lead is moving away from them)',
      '  assigned to d (first in turn)',
    ]);
  });
});

describe('weighted pools', () => {
  it('gives each rep exactly its weight in every full cycle, and converges to the weight shares', () => {
    fc.assert(
      fc.property(
        repsArb,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 50 }),
        (reps, cycles, extra) => {
          const eligible = reps.filter((r) => r.active && !r.outOfOffice);
          fc.pre(eligible.length > 0);
          const total = eligible.reduce((s, r) => s + (r.weight ?? 1), 0);
          const cycled = routeMany(total * cycles, [teamRule('weighted')], reps);
          for (const r of reps) {
            expect(cycled.counts.get(r.id) ?? 0).toBe(eligible.includes(r) ? (r.weight ?? 1) * cycles : 0);
          }
          const n = total * cycles + extra;
          const { counts } = routeMany(n, [teamRule('weighted')], reps);
          for (const r of eligible) {
            expect(Math.abs((counts.get(r.id) ?? 0) - (n * (r.weight ?? 1)) / total)).toBeLessThan(
              eligible.length,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('rule order', () => {
  const reps = [
    rep('owner', { teamId: 'ent', name: 'Olga' }),
    rep('named-rep', { teamId: 'ent' }),
    rep('emea-1', { teamId: 'emea' }),
    rep('emea-2', { teamId: 'emea' }),
    rep('smb-1', { teamId: 'smb' }),
    rep('any-1', { teamId: 'all' }),
  ];
  const rules: RoutingRule[] = [
    { id: 'owner', kind: 'account_owner' },
    {
      id: 'named',
      kind: 'named_accounts',
      domains: ['Big.example'],
      target: { kind: 'user', userId: 'named-rep' },
    },
    {
      id: 'dach',
      name: 'DACH',
      kind: 'territory',
      countries: ['de', 'AT', 'CH'],
      target: { kind: 'team', teamId: 'emea', strategy: 'round_robin' },
    },
    {
      id: 'us-west',
      kind: 'territory',
      countries: ['US'],
      regions: ['CA', 'WA'],
      target: { kind: 'user', userId: 'x' },
    },
    {
      id: 'smb',
      kind: 'segment',
      maxEmployees: 200,
      target: { kind: 'team', teamId: 'smb', strategy: 'round_robin' },
    },
    { id: 'rest', kind: 'catch_all', target: { kind: 'team', teamId: 'all', strategy: 'round_robin' } },
  ];

  it('prefers the account owner', () => {
    const decision = route(
      lead({ accountOwnerId: 'owner', accountDomain: 'big.example' }),
      rules,
      reps,
      emptyRoutingState,
    );
    expect(decision).toMatchObject({ assignee: 'owner', ruleId: 'owner' });
    expect(decision.explanation.at(-1)).toBe('  assigned to Olga (owner) (named owner)');
  });

  it('falls through to named accounts when the owner is out of office', () => {
    const away = reps.map((r) => (r.id === 'owner' ? { ...r, outOfOffice: true } : r));
    const decision = route(
      lead({ accountOwnerId: 'owner', accountDomain: 'www.big.example' }),
      rules,
      away,
      emptyRoutingState,
    );
    expect(decision).toMatchObject({ assignee: 'named-rep', ruleId: 'named' });
    expect(decision.explanation).toContain('  skipped Olga (owner): out of office');
    expect(decision.explanation).toContain('  nobody eligible in user owner; trying the next rule');
  });

  it('routes by territory, matching country codes in any case', () => {
    expect(route(lead({ country: 'DE' }), rules, reps, emptyRoutingState)).toMatchObject({
      assignee: 'emea-1',
      ruleId: 'dach',
    });
  });

  it('needs both country and region when a territory lists both', () => {
    const oregon = route(
      lead({ country: 'US', region: 'OR', employees: 5000 }),
      rules,
      reps,
      emptyRoutingState,
    );
    expect(oregon.ruleId).toBe('rest');
    expect(oregon.explanation).toContain('rule us-west (territory): US/OR is outside the territory');
  });

  it('routes by company size band, unknown size never matching', () => {
    expect(route(lead({ employees: 200 }), rules, reps, emptyRoutingState).ruleId).toBe('smb');
    expect(route(lead({ employees: 201 }), rules, reps, emptyRoutingState).ruleId).toBe('rest');
    expect(route(lead(), rules, reps, emptyRoutingState).explanation).toContain(
      'rule smb (segment): company size unknown',
    );
  });

  it('skips disabled rules and leaves a lead unassigned when nothing matches', () => {
    const decision = route(lead(), [{ ...rules[5]!, enabled: false }], reps, emptyRoutingState);
    expect(decision).toEqual({
      assignee: null,
      ruleId: null,
      explanation: ['rule rest (catch_all): disabled', 'no rule assigned the lead: it stays unassigned'],
      next: emptyRoutingState,
    });
  });

  it('is a dry run when the next state is thrown away: the input state is never changed', () => {
    const state: RoutingState = { load: { 'emea-1': 2 }, cursors: {}, credits: {} };
    const snapshot = structuredClone(state);
    const first = route(lead({ country: 'AT' }), rules, reps, state);
    const again = route(lead({ country: 'AT' }), rules, reps, state);
    expect(again).toEqual(first);
    expect(state).toEqual(snapshot);
    expect(first.next.load).toEqual({ 'emea-1': 3 });
    expect(first.next.cursors).toEqual({ 'team:emea': 'emea-1' });
  });

  it('lets a rule give leads beyond the cap when it says so', () => {
    const full = reps.map((r) => (r.id === 'owner' ? { ...r, capacity: 1 } : r));
    const state: RoutingState = { ...emptyRoutingState, load: { owner: 1 } };
    const lenient: RoutingRule[] = [{ id: 'owner', kind: 'account_owner', ignoreCapacity: true }];
    expect(route(lead({ accountOwnerId: 'owner' }), lenient, full, state).assignee).toBe('owner');
    expect(route(lead({ accountOwnerId: 'owner' }), [rules[0]!], full, state).explanation).toContain(
      '  skipped Olga (owner): at capacity (1/1)',
    );
  });
});

describe('validateRoutingRules', () => {
  it('names every problem', () => {
    const errors = validateRoutingRules([
      { id: 'a', kind: 'named_accounts', target: { kind: 'user', userId: 'u' } },
      {
        id: 'a',
        kind: 'territory',
        countries: ['Germany'],
        target: { kind: 'team', teamId: 't', strategy: 'random' as never },
      },
      {
        id: 'c',
        kind: 'segment',
        minEmployees: 50,
        maxEmployees: 10,
        target: { kind: 'team', teamId: '', strategy: 'weighted' },
      },
      { id: 'd', kind: 'catch_all', target: { kind: 'user', userId: 'u' } },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      '/0/domains',
      '/1/id',
      '/1/countries/0',
      '/1/target/strategy',
      '/2/maxEmployees',
      '/2/target/teamId',
    ]);
    expect(validateRoutingRules([{ id: 'o', kind: 'account_owner' }])).toEqual([]);
  });
});
