import { type LeadStage, leadStages, roles } from '@tandem/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LifecyclePolicy, lifecyclePolicyFromContract } from './policy.js';
import {
  type LeadSnapshot,
  type LifecycleAction,
  type LifecycleActor,
  type TransitionContext,
  transition,
} from './transition.js';
import {
  actionsFrom,
  allowedStagePairs,
  funnelMermaid,
  lifecycleActions,
  transitionRule,
} from './transitions.js';

const policy: LifecyclePolicy = lifecyclePolicyFromContract(
  {
    reject: [
      { code: 'no_budget', label: 'No budget' },
      { code: 'other', label: 'Other' },
    ],
    recycle: [{ code: 'not_now', label: 'Timing' }],
  },
  { cooldownDays: { recycled: 30, disqualified: 90 } },
);

const now = new Date('2025-06-01T12:00:00Z');
const longAgo = new Date('2024-01-01T00:00:00Z');
const rep: LifecycleActor = { kind: 'user', id: 'rep-1', role: 'sales_rep', teamId: 'team-a' };
const otherRep: LifecycleActor = { kind: 'user', id: 'rep-2', role: 'sales_rep', teamId: 'team-a' };
const manager: LifecycleActor = { kind: 'user', id: 'mgr-a', role: 'sales_manager', teamId: 'team-a' };
const otherManager: LifecycleActor = { kind: 'user', id: 'mgr-b', role: 'sales_manager', teamId: 'team-b' };
const marketer: LifecycleActor = { kind: 'user', id: 'mkt-1', role: 'marketing', teamId: null };

const lead = (stage: LeadStage, patch: Partial<LeadSnapshot> = {}): LeadSnapshot => ({
  stage,
  ownerId: 'rep-1',
  teamId: 'team-a',
  stageEnteredAt: longAgo,
  ...patch,
});
const ctx = (actor: LifecycleActor, patch: Partial<TransitionContext> = {}): TransitionContext => ({
  now,
  actor,
  policy,
  contractVersion: 7,
  ...patch,
});
/** An action with every guard satisfied: a valid reason with a note where reasons apply. */
function validAction(type: LifecycleAction['type']): LifecycleAction {
  const list = transitionRule(type).reasons;
  return list ? { type, reasonCode: policy.reasons[list][0]!.code, note: 'called twice' } : { type };
}
/** An actor the action's table row admits for a lead owned by rep-1. */
function allowedActor(type: LifecycleAction['type']): LifecycleActor {
  const actors = transitionRule(type).actors;
  if (actors.asOwner.length > 0) return rep;
  return actors.system ? { kind: 'system' } : marketer;
}

describe('the transition table', () => {
  it('accepts every allowed (stage, action) pair when the guards hold, and refuses every other pair', () => {
    for (const stage of leadStages) {
      for (const type of lifecycleActions) {
        const result = transition(lead(stage), validAction(type), ctx(allowedActor(type)));
        if (transitionRule(type).from.includes(stage)) {
          expect(result, `${type} from ${stage}`).toMatchObject({ ok: true, to: transitionRule(type).to });
        } else {
          const expected =
            type === 'accept' && stage === 'accepted' ? 'already_accepted' : 'illegal_transition';
          expect(result, `${type} from ${stage}`).toMatchObject({ ok: false, code: expected });
        }
      }
    }
  });

  it('never produces a (from, to) pair outside the table, whoever asks and whatever they send', () => {
    const actorArb: fc.Arbitrary<LifecycleActor> = fc.oneof(
      fc.constant<LifecycleActor>({ kind: 'system' }),
      fc.constant<LifecycleActor>({ kind: 'rule' }),
      fc.record({
        kind: fc.constant('user' as const),
        id: fc.constantFrom('rep-1', 'rep-2', 'mgr-a'),
        role: fc.constantFrom(...roles),
        teamId: fc.constantFrom('team-a', 'team-b', null),
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...leadStages),
        fc.constantFrom(...lifecycleActions),
        actorArb,
        fc.constantFrom(undefined, 'no_budget', 'not_now', 'other', 'bogus'),
        fc.constantFrom(undefined, '', 'a note'),
        fc.constantFrom('rep-1', null),
        fc.date({ min: longAgo, max: now, noInvalidDate: true }),
        (stage, type, actor, reasonCode, note, ownerId, enteredAt) => {
          const snapshot = lead(stage, { ownerId, stageEnteredAt: enteredAt });
          const result = transition(snapshot, { type, reasonCode, note }, ctx(actor));
          if (!result.ok) return;
          expect(allowedStagePairs).toContainEqual([stage, result.to]);
          expect(result.transition).toMatchObject({ from: stage, to: result.to, at: now, action: type });
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('lists actions per stage and draws a diagram from the same table', () => {
    expect(actionsFrom('mql')).toEqual(['accept', 'reject', 'disqualify']);
    expect(actionsFrom('won')).toEqual([]);
    expect(funnelMermaid()).toContain('  recycled --> lead: renurture');
  });
});

describe('accepting', () => {
  it('records who accepted, when, why and under which contract version', () => {
    const result = transition(lead('mql'), { type: 'accept' }, ctx(rep));
    expect(result).toEqual({
      ok: true,
      to: 'accepted',
      ownerId: 'rep-1',
      transition: {
        from: 'mql',
        to: 'accepted',
        at: now,
        action: 'accept',
        cause: 'user',
        actorId: 'rep-1',
        reasonCode: null,
        note: null,
        contractVersion: 7,
      },
    });
  });

  it('allows the owner’s manager but not another rep or another team’s manager', () => {
    expect(transition(lead('mql'), { type: 'accept' }, ctx(manager)).ok).toBe(true);
    expect(transition(lead('mql'), { type: 'accept' }, ctx(otherRep))).toMatchObject({
      ok: false,
      code: 'not_owner',
    });
    expect(transition(lead('mql'), { type: 'accept' }, ctx(otherManager))).toMatchObject({
      ok: false,
      code: 'not_owner',
    });
  });

  it('refuses marketing, rules and the system', () => {
    expect(transition(lead('mql'), { type: 'accept' }, ctx(marketer))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(transition(lead('mql'), { type: 'accept' }, ctx({ kind: 'rule' }))).toMatchObject({
      code: 'forbidden',
    });
    expect(transition(lead('mql'), { type: 'accept' }, ctx({ kind: 'system' }))).toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets a rep of the queue’s team claim an unowned MQL, and nobody from another team', () => {
    const queued = lead('mql', { ownerId: null });
    expect(transition(queued, { type: 'accept' }, ctx(otherRep))).toMatchObject({
      ok: true,
      ownerId: 'rep-2',
    });
    const elsewhere = { kind: 'user', id: 'rep-9', role: 'sales_rep', teamId: 'team-b' } as const;
    expect(transition(queued, { type: 'accept' }, ctx(elsewhere))).toMatchObject({
      ok: false,
      code: 'not_owner',
    });
  });

  it('refuses to accept a lead that is already accepted', () => {
    const accepted = lead('accepted', { ownerId: 'rep-1' });
    expect(transition(accepted, { type: 'accept' }, ctx(otherRep))).toMatchObject({
      ok: false,
      code: 'already_accepted',
      detail: 'the lead was already accepted by rep-1',
    });
  });
});

describe('reasons', () => {
  it('requires a reason code from the contract’s list', () => {
    expect(transition(lead('mql'), { type: 'reject' }, ctx(rep))).toMatchObject({ code: 'reason_required' });
    expect(transition(lead('mql'), { type: 'reject', reasonCode: '  ' }, ctx(rep))).toMatchObject({
      code: 'reason_required',
    });
    expect(transition(lead('mql'), { type: 'reject', reasonCode: 'not_now' }, ctx(rep))).toMatchObject({
      code: 'unknown_reason',
    });
    expect(transition(lead('sql'), { type: 'recycle', reasonCode: 'not_now' }, ctx(rep))).toMatchObject({
      ok: true,
      to: 'recycled',
      transition: { reasonCode: 'not_now', note: null },
    });
  });

  it('requires a note for codes that need one', () => {
    expect(transition(lead('mql'), { type: 'reject', reasonCode: 'other' }, ctx(rep))).toMatchObject({
      code: 'note_required',
    });
    expect(
      transition(lead('mql'), { type: 'reject', reasonCode: 'other', note: ' \n' }, ctx(rep)),
    ).toMatchObject({
      code: 'note_required',
    });
    expect(
      transition(lead('accepted'), { type: 'reject', reasonCode: 'other', note: ' wrong person ' }, ctx(rep)),
    ).toMatchObject({ ok: true, to: 'recycled', transition: { reasonCode: 'other', note: 'wrong person' } });
  });

  it('lets marketing disqualify with a reason at any open stage, and an exclusion rule do it automatically', () => {
    const byMarketing = transition(
      lead('lead'),
      { type: 'disqualify', reasonCode: 'no_budget' },
      ctx(marketer),
    );
    expect(byMarketing).toMatchObject({ ok: true, to: 'disqualified', transition: { cause: 'user' } });
    const byRule = transition(
      lead('mql'),
      { type: 'disqualify', reasonCode: 'no_budget' },
      ctx({ kind: 'rule' }),
    );
    expect(byRule).toMatchObject({ ok: true, transition: { cause: 'rule', actorId: null } });
  });
});

describe('cooldown before re-entering nurture', () => {
  const day = 86_400_000;
  it('holds a recycled lead for 30 days and a disqualified one for 90', () => {
    const recycledAt = new Date(now.getTime() - 30 * day + 1);
    expect(
      transition(
        lead('recycled', { stageEnteredAt: recycledAt }),
        { type: 'renurture' },
        ctx({ kind: 'system' }),
      ),
    ).toMatchObject({ ok: false, code: 'cooldown' });
    const ready = lead('recycled', { stageEnteredAt: new Date(now.getTime() - 30 * day) });
    expect(transition(ready, { type: 'renurture' }, ctx({ kind: 'system' }))).toMatchObject({
      ok: true,
      to: 'lead',
      ownerId: null,
    });
    const disqualified = lead('disqualified', { stageEnteredAt: new Date(now.getTime() - 60 * day) });
    expect(transition(disqualified, { type: 'renurture' }, ctx(marketer))).toMatchObject({
      code: 'cooldown',
    });
  });

  it('is not something sales can do', () => {
    expect(transition(lead('recycled'), { type: 'renurture' }, ctx(rep))).toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('the full loop', () => {
  it('goes lead → mql → accepted → rejected (recycled) → nurture → mql → … → won', () => {
    let state = lead('lead', { ownerId: null });
    const steps: Array<[LifecycleAction, LifecycleActor, Date]> = [
      [{ type: 'qualify_mql' }, { kind: 'rule' }, now],
      [{ type: 'accept' }, rep, now],
      [{ type: 'reject', reasonCode: 'no_budget' }, rep, now],
      [{ type: 'renurture' }, { kind: 'system' }, new Date(now.getTime() + 31 * 86_400_000)],
      [{ type: 'qualify_mql' }, { kind: 'rule' }, new Date(now.getTime() + 40 * 86_400_000)],
      [{ type: 'accept' }, otherRep, new Date(now.getTime() + 40 * 86_400_000)],
      [{ type: 'qualify_sql' }, otherRep, new Date(now.getTime() + 41 * 86_400_000)],
      [{ type: 'convert' }, otherRep, new Date(now.getTime() + 42 * 86_400_000)],
      [{ type: 'win' }, { kind: 'system' }, new Date(now.getTime() + 90 * 86_400_000)],
    ];
    const stages: LeadStage[] = [];
    for (const [action, actor, at] of steps) {
      const result = transition(state, action, ctx(actor, { now: at }));
      if (!result.ok) throw new Error(`${action.type}: ${result.detail}`);
      state = { ...state, stage: result.to, ownerId: result.ownerId, stageEnteredAt: at };
      stages.push(result.to);
    }
    expect(stages).toEqual([
      'mql',
      'accepted',
      'recycled',
      'lead',
      'mql',
      'accepted',
      'sql',
      'opportunity',
      'won',
    ]);
    expect(state.ownerId).toBe('rep-2');
  });
});
