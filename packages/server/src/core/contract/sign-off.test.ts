import { type Role, roles } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ContractStatus,
  checkTransition,
  contractStatuses,
  decideSignOff,
  pendingSides,
  type Signature,
  type SignOffDecision,
  type SignOffSide,
  signingRole,
  signOffSides,
  versionInForce,
} from './sign-off.js';

const now = new Date('2031-01-10T10:00:00Z');
const at = new Date('2031-01-09T10:00:00Z');
const later = new Date('2031-01-12T10:00:00Z');
const earlier = new Date('2031-01-01T00:00:00Z');

/** Every combination of what may already be on a version: people a, b, me; each side signed or not. */
function signatureSets(): Signature[][] {
  const choices: Array<Signature | null>[] = signOffSides.map((side) => [
    null,
    ...(['a', 'b', 'me'] as const).flatMap((userId) =>
      (['approve', 'reject'] as const).map((decision) => ({ userId, side, decision, at })),
    ),
  ]);
  const sets: Signature[][] = [];
  for (const m of choices[0]!)
    for (const s of choices[1]!) sets.push([m, s].filter((x): x is Signature => x !== null));
  // One person never holds both sides: the database refuses it, so the decision never sees it.
  return sets.filter((set) => new Set(set.map((x) => x.userId)).size === set.length);
}

describe('decideSignOff, over every status × role × side × decision × prior signatures', () => {
  const signers: Array<{ userId: string | null; role: Role }> = [
    ...roles.map((role) => ({ userId: 'me', role })),
    { userId: null, role: 'admin' },
  ];
  const cases: Array<{
    status: ContractStatus;
    signer: { userId: string | null; role: Role };
    side: SignOffSide;
    decision: SignOffDecision;
    signatures: Signature[];
    effectiveAt: Date | null;
  }> = [];
  for (const status of contractStatuses)
    for (const signer of signers)
      for (const side of signOffSides)
        for (const decision of ['approve', 'reject'] as const)
          for (const signatures of signatureSets())
            for (const effectiveAt of [null, earlier, now, later])
              cases.push({ status, signer, side, decision, signatures, effectiveAt });

  it('covers thousands of cases', () => {
    expect(cases.length).toBeGreaterThan(5_000);
  });

  it('lets only the side’s own role sign, a person, on a submitted version not yet signed by them or on that side', () => {
    for (const c of cases) {
      const outcome = decideSignOff({ ...c, now });
      const allowed =
        c.signer.userId !== null &&
        c.signer.role === signingRole[c.side] &&
        c.status === 'submitted' &&
        !c.signatures.some((s) => s.userId === c.signer.userId || s.side === c.side);
      expect(outcome.ok, JSON.stringify(c)).toBe(allowed);
      if (!outcome.ok) {
        const wrongHands = c.signer.userId === null || c.signer.role !== signingRole[c.side];
        expect(outcome.code).toBe(wrongHands ? 'forbidden' : 'conflict');
      }
    }
  });

  it('never lets a sales rep, a partner or an admin sign', () => {
    for (const c of cases.filter((x) => ['sales_rep', 'partner', 'admin'].includes(x.signer.role))) {
      expect(decideSignOff({ ...c, now })).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });

  it('approves only with both sides approved by two different people, taking effect never before now', () => {
    for (const c of cases) {
      const outcome = decideSignOff({ ...c, now });
      if (!outcome.ok) continue;
      if (c.decision === 'reject') {
        expect(outcome.status).toBe('rejected');
        continue;
      }
      const approvals = [
        ...c.signatures.filter((s) => s.decision === 'approve'),
        { userId: 'me', side: c.side },
      ];
      const bothSides = signOffSides.every((side) => approvals.some((a) => a.side === side));
      if (!bothSides) {
        expect(outcome).toEqual({ ok: true, status: 'submitted', effectiveAt: null });
        continue;
      }
      expect(new Set(approvals.map((a) => a.userId)).size).toBe(2);
      const future = c.effectiveAt !== null && c.effectiveAt > now;
      expect(outcome.status).toBe(future ? 'approved' : 'active');
      expect(outcome.effectiveAt).toEqual(future ? c.effectiveAt : now);
    }
  });

  it('never completes on a side already rejected', () => {
    const rejected: Signature = { userId: 'a', side: 'marketing', decision: 'reject', at };
    expect(
      decideSignOff({
        status: 'submitted',
        signatures: [rejected],
        signer: { userId: 'me', role: 'sales_manager' },
        side: 'sales',
        decision: 'approve',
        effectiveAt: null,
        now,
      }),
    ).toEqual({ ok: true, status: 'submitted', effectiveAt: null });
  });

  it('explains refusals in words', () => {
    const base = {
      status: 'submitted' as const,
      signer: { userId: 'me', role: 'marketing' as const },
      side: 'marketing' as const,
      decision: 'approve' as const,
      effectiveAt: null,
      now,
    };
    const refusal = (input: Partial<Parameters<typeof decideSignOff>[0]>) => {
      const outcome = decideSignOff({ ...base, signatures: [], ...input });
      return outcome.ok ? null : outcome.reason;
    };
    expect(refusal({ signer: { userId: 'me', role: 'sales_rep' } })).toBe(
      'the marketing side is signed by a user with the marketing role',
    );
    expect(refusal({ signer: { userId: null, role: 'admin' } })).toContain('not an API key');
    expect(refusal({ status: 'draft' })).toBe('only a submitted version can be signed; this one is draft');
    expect(refusal({ signatures: [{ userId: 'me', side: 'marketing', decision: 'approve', at }] })).toBe(
      'you have already signed the marketing side',
    );
    expect(
      refusal({
        signer: { userId: 'me', role: 'sales_manager' },
        side: 'sales',
        signatures: [{ userId: 'me', side: 'marketing', decision: 'approve', at }],
      }),
    ).toBe('you signed the marketing side; the sales side needs a different person');
    expect(refusal({ signatures: [{ userId: 'a', side: 'marketing', decision: 'approve', at }] })).toBe(
      'the marketing side is already signed',
    );
  });

  it('lists the sides still waiting', () => {
    expect(pendingSides([])).toEqual(['marketing', 'sales']);
    expect(pendingSides([{ userId: 'a', side: 'sales', decision: 'approve', at }])).toEqual(['marketing']);
  });
});

describe('checkTransition', () => {
  it('allows each action from exactly the statuses that permit it', () => {
    const allowed = {
      edit: ['draft'],
      submit: ['draft'],
      withdraw: ['draft', 'submitted'],
      rollback: ['superseded'],
    } as const;
    for (const [action, statuses] of Object.entries(allowed) as [keyof typeof allowed, readonly string[]][]) {
      for (const status of contractStatuses) {
        const reason = checkTransition(status, action);
        if (statuses.includes(status)) expect(reason, `${action} ${status}`).toBeNull();
        else expect(reason, `${action} ${status}`).toContain(status);
      }
    }
  });
});

describe('versionInForce', () => {
  const v = (version: number, status: ContractStatus, effectiveAt: Date | null) => ({
    version,
    status,
    effectiveAt,
  });

  it('is the highest signed version whose effective time has come', () => {
    const versions = [
      v(1, 'superseded', new Date('2031-01-01')),
      v(2, 'active', new Date('2031-01-05')),
      v(3, 'approved', new Date('2031-01-20')),
      v(4, 'submitted', null),
      v(5, 'rejected', null),
      v(6, 'withdrawn', null),
      v(7, 'draft', new Date('2030-01-01')),
    ];
    expect(versionInForce(versions, new Date('2030-12-31'))).toBeNull();
    expect(versionInForce(versions, new Date('2031-01-01'))).toBe(1);
    expect(versionInForce(versions, new Date('2031-01-10'))).toBe(2);
    expect(versionInForce(versions, new Date('2031-01-20'))).toBe(3);
  });

  it('keeps a later fix in force over an older version scheduled after it', () => {
    const versions = [v(2, 'approved', new Date('2031-02-01')), v(3, 'active', new Date('2031-01-10'))];
    expect(versionInForce(versions, new Date('2031-03-01'))).toBe(3);
  });
});
