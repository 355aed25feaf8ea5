import type { ErrorCode, LeadStage, Role } from '@tandem/contracts';
import type { LifecyclePolicy, ReasonOption } from './policy.js';
import {
  type LifecycleActionType,
  lifecycleActions,
  type TransitionRule,
  transitionRule,
} from './transitions.js';

/** What the guards need to know about a lead. */
export interface LeadSnapshot {
  stage: LeadStage;
  ownerId: string | null;
  teamId: string | null;
  /** When the lead entered its current stage (the cooldown counts from here). */
  stageEnteredAt: Date;
}

export type LifecycleActor =
  | { kind: 'user'; id: string; role: Role; teamId: string | null }
  /** A contract rule, e.g. the MQL condition or an exclusion. */
  | { kind: 'rule'; ruleId?: string }
  /** The platform itself: timers, CRM sync, imports. */
  | { kind: 'system' };

export interface LifecycleAction {
  type: LifecycleActionType;
  reasonCode?: string | null;
  note?: string | null;
}

export interface TransitionContext {
  now: Date;
  actor: LifecycleActor;
  policy: LifecyclePolicy;
  contractVersion: number | null;
}

/** One row of a lead's stage history. */
export interface StageTransition {
  from: LeadStage;
  to: LeadStage;
  at: Date;
  action: LifecycleActionType;
  cause: 'rule' | 'user' | 'system';
  actorId: string | null;
  reasonCode: string | null;
  note: string | null;
  contractVersion: number | null;
}

export const transitionErrorCodes = [
  'illegal_transition',
  'already_accepted',
  'forbidden',
  'not_owner',
  'reason_required',
  'unknown_reason',
  'note_required',
  'cooldown',
] as const;
export type TransitionErrorCode = (typeof transitionErrorCodes)[number];

export type TransitionResult =
  | {
      ok: true;
      to: LeadStage;
      /** The owner after the transition: a claiming rep on accept, nobody after re-entering nurture. */
      ownerId: string | null;
      transition: StageTransition;
    }
  | { ok: false; code: TransitionErrorCode; detail: string };

/** How each refusal surfaces over HTTP (codes of the shared error catalogue). */
export const transitionErrorStatus = {
  illegal_transition: 'conflict',
  already_accepted: 'conflict',
  cooldown: 'conflict',
  forbidden: 'forbidden',
  not_owner: 'forbidden',
  reason_required: 'validation_failed',
  unknown_reason: 'validation_failed',
  note_required: 'validation_failed',
} as const satisfies Record<TransitionErrorCode, ErrorCode>;

const msPerDay = 86_400_000;

/**
 * Decides one lifecycle step. Pure: the caller loads the lead, calls this, and on `ok` stores the
 * new stage, owner and transition row in one transaction; on refusal nothing changes.
 * @example transition(lead, { type: 'reject', reasonCode: 'no_budget', note: 'next year' }, { now, actor, policy, contractVersion: 3 })
 */
export function transition(
  lead: LeadSnapshot,
  action: LifecycleAction,
  ctx: TransitionContext,
): TransitionResult {
  if (!(lifecycleActions as readonly string[]).includes(action.type)) {
    return refuse('illegal_transition', `unknown action '${String(action.type)}'`);
  }
  const rule = transitionRule(action.type);
  if (!rule.from.includes(lead.stage)) {
    if (action.type === 'accept' && lead.stage === 'accepted') {
      return refuse('already_accepted', `the lead was already accepted by ${lead.ownerId ?? 'another rep'}`);
    }
    return refuse('illegal_transition', `cannot ${action.type} a lead in stage ${lead.stage}`);
  }

  const who = checkActor(rule, lead, ctx.actor);
  if (!who.ok) return who;

  const reason = checkReason(rule, action, ctx.policy);
  if (!reason.ok) return reason;

  if (action.type === 'renurture') {
    const side = lead.stage === 'disqualified' ? 'disqualified' : 'recycled';
    const days = ctx.policy.cooldownDays[side];
    const until = new Date(lead.stageEnteredAt.getTime() + days * msPerDay);
    if (ctx.now < until) {
      return refuse(
        'cooldown',
        `a ${side} lead may re-enter nurture from ${until.toISOString()} (${days}-day cooldown)`,
      );
    }
  }

  const actor = ctx.actor;
  let ownerId = lead.ownerId;
  if (action.type === 'accept' && ownerId === null && actor.kind === 'user') ownerId = actor.id;
  if (action.type === 'renurture') ownerId = null;
  return {
    ok: true,
    to: rule.to,
    ownerId,
    transition: {
      from: lead.stage,
      to: rule.to,
      at: ctx.now,
      action: action.type,
      cause: actor.kind,
      actorId: actor.kind === 'user' ? actor.id : null,
      reasonCode: reason.code,
      note: reason.note,
      contractVersion: ctx.contractVersion,
    },
  };
}

function checkActor(
  rule: TransitionRule,
  lead: LeadSnapshot,
  actor: LifecycleActor,
): { ok: true } | { ok: false; code: TransitionErrorCode; detail: string } {
  if (actor.kind === 'rule' || actor.kind === 'system') {
    return rule.actors[actor.kind]
      ? { ok: true }
      : refuse('forbidden', `${rule.action} needs a person, not a ${actor.kind}`);
  }
  if (rule.actors.anyLead.includes(actor.role)) return { ok: true };
  if (!rule.actors.asOwner.includes(actor.role)) {
    return refuse('forbidden', `a ${actor.role} cannot ${rule.action} a lead`);
  }
  const managesTeam = actor.role === 'sales_manager' && actor.teamId !== null && actor.teamId === lead.teamId;
  if (lead.ownerId === actor.id || managesTeam) return { ok: true };
  // An unowned MQL sits in a team queue; anyone on that team (or any rep, without a team) may claim it.
  const inQueue =
    lead.ownerId === null && lead.stage === 'mql' && (lead.teamId === null || lead.teamId === actor.teamId);
  if (inQueue) return { ok: true };
  return refuse(
    'not_owner',
    lead.ownerId
      ? `only the owner or their manager can ${rule.action} this lead`
      : 'the lead is queued for another team',
  );
}

function checkReason(
  rule: TransitionRule,
  action: LifecycleAction,
  policy: LifecyclePolicy,
):
  | { ok: true; code: string | null; note: string | null }
  | { ok: false; code: TransitionErrorCode; detail: string } {
  const note = action.note?.trim() ? action.note.trim() : null;
  const code = action.reasonCode?.trim() ? action.reasonCode.trim() : null;
  if (!rule.reasons) return { ok: true, code, note };
  const options: readonly ReasonOption[] = policy.reasons[rule.reasons];
  if (!code)
    return refuse('reason_required', `${rule.action} needs a ${rule.reasons} reason: ${codes(options)}`);
  const option = options.find((o) => o.code === code);
  if (!option)
    return refuse(
      'unknown_reason',
      `'${code}' is not a ${rule.reasons} reason; use one of ${codes(options)}`,
    );
  if (option.noteRequired && !note) return refuse('note_required', `reason '${code}' needs a note`);
  return { ok: true, code, note };
}

function codes(options: readonly ReasonOption[]): string {
  return options.map((o) => o.code).join(', ') || '(the contract lists none)';
}

function refuse(
  code: TransitionErrorCode,
  detail: string,
): { ok: false; code: TransitionErrorCode; detail: string } {
  return { ok: false, code, detail };
}
