import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSteps, type NurtureStep } from './program.js';
import { advanceEnrollment, type EnrollmentFacts, exitReasonOf } from './step-machine.js';

const now = new Date('2026-03-02T09:00:00Z');
const facts = (over: Partial<EnrollmentFacts> = {}): EnrollmentFacts => ({
  now,
  mql: false,
  replied: false,
  unsubscribed: false,
  bounced: false,
  suppressed: false,
  consent: 'unknown',
  requireOptIn: false,
  hasEmail: true,
  engaged: false,
  lastEmail: null,
  sentSteps: new Set(),
  ...over,
});
const active = (stepId: string | null) => ({ status: 'active' as const, stepId });

const program: NurtureStep[] = [
  { id: 'welcome', type: 'email', templateId: 't1' },
  { id: 'pause', type: 'wait', minutes: 60 * 24 * 2 },
  { id: 'opened?', type: 'condition', if: 'opened', goTo: 'follow-up', otherwise: 'nudge' },
  { id: 'nudge', type: 'email', templateId: 't2' },
  { id: 'follow-up', type: 'email', templateId: 't3' },
  { id: 'engaged?', type: 'condition', if: 'engaged', goTo: 'done', otherwise: 'last' },
  { id: 'last', type: 'email', templateId: 't4' },
  { id: 'done', type: 'exit' },
];

describe('advanceEnrollment', () => {
  it('sends the first email at once and continues with the next step', () => {
    expect(advanceEnrollment(program, active('welcome'), facts())).toEqual({
      kind: 'send',
      stepId: 'welcome',
      templateId: 't1',
      next: 'pause',
      nextAt: now,
    });
  });

  it('a wait schedules the step after it', () => {
    expect(advanceEnrollment(program, active('pause'), facts())).toEqual({
      kind: 'wait',
      next: 'opened?',
      nextAt: new Date(now.getTime() + 2 * 86_400_000),
    });
  });

  it('branches on the previous email being opened', () => {
    expect(
      advanceEnrollment(program, active('opened?'), facts({ lastEmail: { opened: true, clicked: false } })),
    ).toMatchObject({ kind: 'send', stepId: 'follow-up' });
    expect(
      advanceEnrollment(program, active('opened?'), facts({ lastEmail: { opened: false, clicked: false } })),
    ).toMatchObject({ kind: 'send', stepId: 'nudge', next: 'follow-up' });
  });

  it('branches on a click and skips when engaged since enrolment', () => {
    const clicked: NurtureStep[] = [
      { id: 'c', type: 'condition', if: 'clicked', goTo: 'b', otherwise: 'a' },
      { id: 'a', type: 'email', templateId: 'ta' },
      { id: 'b', type: 'email', templateId: 'tb' },
    ];
    expect(
      advanceEnrollment(clicked, active('c'), facts({ lastEmail: { opened: true, clicked: true } })),
    ).toMatchObject({ stepId: 'b' });
    expect(
      advanceEnrollment(clicked, active('c'), facts({ lastEmail: { opened: true, clicked: false } })),
    ).toMatchObject({ stepId: 'a' });
    expect(advanceEnrollment(program, active('engaged?'), facts({ engaged: true }))).toEqual({
      kind: 'exit',
      reason: 'program_exit',
    });
    expect(advanceEnrollment(program, active('engaged?'), facts())).toMatchObject({
      stepId: 'last',
      next: 'done',
    });
  });

  it('completes past the last step, and on a null position', () => {
    const short: NurtureStep[] = [{ id: 'only', type: 'email', templateId: 't' }];
    expect(advanceEnrollment(short, active('only'), facts())).toMatchObject({ kind: 'send', next: null });
    expect(advanceEnrollment(short, active(null), facts())).toEqual({ kind: 'complete' });
    expect(advanceEnrollment(short, active('only'), facts({ sentSteps: new Set(['only']) }))).toEqual({
      kind: 'complete',
    });
  });

  it('exits before any step for each stop reason, the most specific first', () => {
    const cases: Array<[Partial<EnrollmentFacts>, string]> = [
      [{ unsubscribed: true, mql: true }, 'unsubscribed'],
      [{ bounced: true }, 'bounced'],
      [{ replied: true }, 'replied'],
      [{ mql: true }, 'mql'],
      [{ suppressed: true }, 'suppressed'],
      [{ consent: 'denied' }, 'no_consent'],
      [{ consent: 'unknown', requireOptIn: true }, 'no_consent'],
      [{ hasEmail: false }, 'no_email'],
    ];
    for (const [over, reason] of cases)
      expect(advanceEnrollment(program, active('welcome'), facts(over)), reason).toEqual({
        kind: 'exit',
        reason,
      });
    expect(exitReasonOf(facts({ consent: 'granted', requireOptIn: true }))).toBeNull();
  });

  it('does nothing for an enrollment that is over', () => {
    for (const status of ['completed', 'exited'] as const)
      expect(advanceEnrollment(program, { status, stepId: 'welcome' }, facts())).toEqual({ kind: 'none' });
  });
});

describe('checkSteps', () => {
  it('accepts the example program', () => expect(checkSteps(program)).toBeNull());
  it('refuses duplicate ids, unknown and backward jumps, bad waits', () => {
    expect(checkSteps([...program, { id: 'welcome', type: 'exit' }])).toMatchObject({ field: '/steps/8/id' });
    expect(
      checkSteps([{ id: 'a', type: 'condition', if: 'engaged', goTo: 'zz', otherwise: 'a' }]),
    ).toMatchObject({
      field: '/steps/0/goTo',
    });
    expect(
      checkSteps([
        { id: 'a', type: 'email', templateId: 't' },
        { id: 'b', type: 'condition', if: 'engaged', goTo: 'a', otherwise: 'a' },
      ]),
    ).toMatchObject({ field: '/steps/1/goTo', detail: 'a condition may only jump forward' });
    expect(checkSteps([{ id: 'w', type: 'wait', minutes: -1 }])).toMatchObject({ field: '/steps/0/minutes' });
  });
});

/** Programs whose conditions jump forward only (what checkSteps admits). */
const programs = fc
  .array(fc.constantFrom('email', 'wait', 'condition', 'exit'), { minLength: 1, maxLength: 12 })
  .chain((types) =>
    fc.tuple(
      ...types.map((type, i) => {
        const id = `s${i}`;
        if (type === 'condition' && i < types.length - 1) {
          const later = fc.integer({ min: i + 1, max: types.length - 1 }).map((n) => `s${n}`);
          return fc.tuple(fc.constantFrom('engaged', 'opened', 'clicked'), later, later).map(
            ([cond, goTo, otherwise]): NurtureStep => ({
              id,
              type: 'condition',
              if: cond,
              goTo,
              otherwise,
            }),
          );
        }
        if (type === 'wait')
          return fc
            .integer({ min: 0, max: 10_000 })
            .map((minutes): NurtureStep => ({ id, type: 'wait', minutes }));
        if (type === 'exit') return fc.constant<NurtureStep>({ id, type: 'exit' });
        return fc.constant<NurtureStep>({ id, type: 'email', templateId: `t${i}` });
      }),
    ),
  );

describe('step machine invariants', () => {
  it('a walk through any valid program ends, sends each email step at most once, in program order', () => {
    fc.assert(
      fc.property(programs, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (steps, coin) => {
        expect(checkSteps(steps)).toBeNull();
        const sent: string[] = [];
        let position: { status: 'active' | 'completed' | 'exited'; stepId: string | null } = active(
          steps[0]!.id,
        );
        let t = now.getTime();
        for (let round = 0; round < 40 && position.status === 'active'; round++) {
          const decision = advanceEnrollment(
            steps,
            position,
            facts({
              now: new Date(t),
              engaged: coin[round]!,
              lastEmail: sent.length ? { opened: coin[round]!, clicked: !coin[round] } : null,
              sentSteps: new Set(sent),
            }),
          );
          if (decision.kind === 'send') {
            expect(sent).not.toContain(decision.stepId);
            sent.push(decision.stepId);
          }
          if (decision.kind === 'send' || decision.kind === 'wait') {
            expect(decision.nextAt.getTime()).toBeGreaterThanOrEqual(t);
            t = decision.nextAt.getTime();
            position = active(decision.next);
          } else position = { status: decision.kind === 'exit' ? 'exited' : 'completed', stepId: null };
        }
        expect(position.status).not.toBe('active');
        const order = sent.map((id) => Number(id.slice(1)));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });

  it('an enrollment with a reason to exit never sends', () => {
    fc.assert(
      fc.property(
        programs,
        fc.record({
          mql: fc.boolean(),
          replied: fc.boolean(),
          unsubscribed: fc.boolean(),
          bounced: fc.boolean(),
          suppressed: fc.boolean(),
          consent: fc.constantFrom('granted' as const, 'unknown' as const, 'denied' as const),
          requireOptIn: fc.boolean(),
          hasEmail: fc.boolean(),
        }),
        (steps, stops) => {
          const f = facts(stops);
          const decision = advanceEnrollment(steps, active(steps[0]!.id), f);
          if (exitReasonOf(f)) expect(decision).toEqual({ kind: 'exit', reason: exitReasonOf(f) });
          for (const status of ['completed', 'exited'] as const)
            expect(advanceEnrollment(steps, { status, stepId: steps[0]!.id }, f)).toEqual({ kind: 'none' });
        },
      ),
    );
  });
});
