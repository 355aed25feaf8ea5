import type { Role } from '@tandem/contracts';

/**
 * Sign-off of a lead contract version, as pure decisions. A submitted version needs a `marketing`
 * user approving the marketing side and a `sales_manager` approving the sales side: two different
 * people, so the author can sign one side at most and never activates a version alone. Admins do
 * not sign: the agreement is between the two teams, and an admin signing "for" either would make
 * it one team's decision again.
 */

export const contractStatuses = [
  'draft',
  'submitted',
  'approved',
  'active',
  'superseded',
  'rejected',
  'withdrawn',
] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const signOffSides = ['marketing', 'sales'] as const;
export type SignOffSide = (typeof signOffSides)[number];
export type SignOffDecision = 'approve' | 'reject';

/** The one role that signs each side. */
export const signingRole: Record<SignOffSide, Role> = { marketing: 'marketing', sales: 'sales_manager' };

export interface Signature {
  userId: string;
  side: SignOffSide;
  decision: SignOffDecision;
  at: Date;
}

export interface SignOffInput {
  status: ContractStatus;
  /** Signatures already given on this version. */
  signatures: readonly Signature[];
  /** The signer; null for an API key, which is no person and cannot sign. */
  signer: { userId: string | null; role: Role };
  side: SignOffSide;
  decision: SignOffDecision;
  /** When the version should take effect; null = as soon as it is approved. */
  effectiveAt: Date | null;
  now: Date;
}

export type SignOffOutcome =
  | { ok: false; code: 'forbidden' | 'conflict'; reason: string }
  | {
      ok: true;
      /** The version's status after this signature. */
      status: 'submitted' | 'approved' | 'active' | 'rejected';
      /** Set when the version is now fully approved: when it takes effect (never before now). */
      effectiveAt: Date | null;
    };

const refuse = (code: 'forbidden' | 'conflict', reason: string): SignOffOutcome => ({
  ok: false,
  code,
  reason,
});

/** Decides one approval or rejection of a version. */
export function decideSignOff(input: SignOffInput): SignOffOutcome {
  const { signer, side, signatures } = input;
  const role = signingRole[side];
  if (signer.userId === null) return refuse('forbidden', 'a person signs a lead contract, not an API key');
  if (signer.role !== role) {
    return refuse('forbidden', `the ${side} side is signed by a user with the ${role} role`);
  }
  if (input.status !== 'submitted') {
    return refuse('conflict', `only a submitted version can be signed; this one is ${input.status}`);
  }
  const mine = signatures.find((s) => s.userId === signer.userId);
  if (mine) {
    return refuse(
      'conflict',
      mine.side === side
        ? `you have already signed the ${side} side`
        : `you signed the ${mine.side} side; the ${side} side needs a different person`,
    );
  }
  if (signatures.some((s) => s.side === side)) {
    return refuse('conflict', `the ${side} side is already signed`);
  }
  if (input.decision === 'reject') return { ok: true, status: 'rejected', effectiveAt: null };

  const approvals = [...signatures.filter((s) => s.decision === 'approve'), { userId: signer.userId, side }];
  const complete = signOffSides.every((s) => approvals.some((a) => a.side === s));
  if (!complete) return { ok: true, status: 'submitted', effectiveAt: null };
  // Implied by one signature per person, stated anyway: the author never approves alone.
  const people = new Set(approvals.map((a) => a.userId));
  if (people.size < 2) {
    return refuse('conflict', 'two different people must sign');
  }
  const effectiveAt =
    input.effectiveAt && input.effectiveAt.getTime() > input.now.getTime() ? input.effectiveAt : input.now;
  return { ok: true, status: effectiveAt === input.now ? 'active' : 'approved', effectiveAt };
}

/** Which sides still wait for a signature. */
export function pendingSides(signatures: readonly Signature[]): SignOffSide[] {
  return signOffSides.filter((side) => !signatures.some((s) => s.side === side));
}

export type ContractAction = 'edit' | 'submit' | 'withdraw' | 'rollback';

/** Whether a version in `status` allows an action; the reason when not. */
export function checkTransition(status: ContractStatus, action: ContractAction): string | null {
  switch (action) {
    case 'edit':
      return status === 'draft' ? null : `only a draft can be edited; this version is ${status}`;
    case 'submit':
      return status === 'draft' ? null : `only a draft can be submitted; this version is ${status}`;
    case 'withdraw':
      return status === 'draft' || status === 'submitted'
        ? null
        : `only a draft or submitted version can be withdrawn; this one is ${status}`;
    case 'rollback':
      return status === 'superseded'
        ? null
        : `only a superseded version can be rolled back to; this one is ${status}`;
  }
}

/** The roles that write drafts, submit, withdraw and roll back (signing has its own rule). */
export const contractEditorRoles: readonly Role[] = ['admin', 'marketing', 'sales_manager'];

export interface SignedVersion {
  version: number;
  status: ContractStatus;
  effectiveAt: Date | null;
}

/**
 * The version in force at `at`: the highest-numbered signed version whose effective time has
 * come. Highest number, not latest effective time, so a later fix approved for "now" is never
 * overtaken by an older version scheduled for later. Works for any past moment too.
 */
export function versionInForce(versions: readonly SignedVersion[], at: Date): number | null {
  let best: number | null = null;
  for (const v of versions) {
    const signed = v.status === 'approved' || v.status === 'active' || v.status === 'superseded';
    if (!signed || v.effectiveAt === null || v.effectiveAt.getTime() > at.getTime()) continue;
    if (best === null || v.version > best) best = v.version;
  }
  return best;
}
